import type { GemmBlock } from '../wasm/split'

/**
 * The kernels a team splits by ranges of values, in the order helpers number them (kernel
 * k + 1 of a job is ELEMENTWISE_KERNELS[k]; kernel 0 is gemm). Each takes (n, pointers…,
 * scalars…) and treats value i alone, so a range split gives the same bits as one call.
 */
export const ELEMENTWISE_KERNELS = [
  'zero',
  'scale',
  'clamp',
  'weightDecay',
  'sgd',
  'sgdMomentum',
  'rmsprop',
  'adagrad',
  'adam',
  'nadam',
  'adadelta'
] as const

export type ElementwiseKernel = (typeof ELEMENTWISE_KERNELS)[number]

/** A job's kernel number for gemm. */
export const GEMM_KERNEL = 0

/** Most arguments a job carries (nadam's eleven after n; gemm's ten). */
export const JOB_ARGS = 11

/**
 * One job for a team. gemm: args are transA, transB, m, n, k, a, b, c, accumulate, skipZeros,
 * and a share is a block of C. Elementwise: args are the kernel's arguments after n, the first `pointers`
 * of them byte offsets (0 = none), and a share is the values [i0, i1).
 */
export interface TeamJob {
  kernel: number
  pointers: number
  readonly args: Float64Array
}

export function createJob(): TeamJob {
  return { kernel: GEMM_KERNEL, pointers: 0, args: new Float64Array(JOB_ARGS) }
}

/**
 * Helper threads over the same memory (the Node worker pool implements this). A job is cut into
 * shares; every thread, the caller included, claims shares until none is left, so a helper that
 * wakes late costs nothing: the caller takes its share. Who computes a share does not change
 * its result.
 */
export interface Team {
  /** Threads besides the caller. */
  readonly helpers: number
  /**
   * Publishes the job and wakes the helpers; returns at once. `scratch[h]` is helper h's
   * private gemm scratch (byte offset); a job given none leaves the last one in place.
   */
  start(job: TeamJob, shares: readonly GemmBlock[], scratch?: readonly number[]): void
  /** Claims an unclaimed share for the caller: its index, or -1 when none is left. */
  claim(): number
  /** Reports a share the caller claimed as computed. */
  done(): void
  /** Returns when every share is computed; throws if a helper failed. */
  finish(): void
  close(): Promise<void>
}

/**
 * Runs every share of the job the team was just given: the caller claims shares like any
 * helper, then waits for the rest. `runShare(s)` computes share s on the calling thread.
 */
export function runWithTeam(team: Team, runShare: (share: number) => void): void {
  try {
    for (let s = team.claim(); s >= 0; s = team.claim()) {
      try {
        runShare(s)
      } finally {
        team.done()
      }
    }
  } finally {
    team.finish()
  }
}
