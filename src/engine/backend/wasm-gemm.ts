import type { WasmHeap } from '../wasm/heap'
import type { KernelExports } from '../wasm/kernels'
import { splitGemm, type GemmBlock } from '../wasm/split'
import type { MatrixKernels } from './types'
import type { Operands } from './wasm-operands'

/** A product as the kernels see it: operands are byte offsets into the shared memory. */
export interface GemmJob {
  transA: boolean
  transB: boolean
  m: number
  n: number
  k: number
  a: number
  b: number
  c: number
  accumulate: boolean
}

/**
 * Helper threads over the same memory (the Node worker pool implements this). A job is cut into
 * shares (blocks of C); every thread, the caller included, claims shares until none is left, so
 * a helper that wakes late costs nothing: the caller takes its share. Who computes a share does
 * not change its result.
 */
export interface GemmTeam {
  /** Threads besides the caller. */
  readonly helpers: number
  /**
   * Publishes the job and wakes the helpers; returns at once. `scratch[h]` is helper h's
   * private scratch (byte offset).
   */
  start(job: GemmJob, shares: readonly GemmBlock[], scratch: readonly number[]): void
  /** Claims an unclaimed share for the caller: its index, or -1 when none is left. */
  claim(): number
  /** Reports a share the caller claimed as computed. */
  done(): void
  /** Returns when every share is computed; throws if a helper failed. */
  finish(): void
  close(): Promise<void>
}

/**
 * gemm on the WebAssembly kernels: on the calling thread, or split between it and a team when
 * the product is large enough to pay for waking the helpers.
 */
export class GemmRunner {
  private readonly tileRows: number
  private readonly tileCols: number
  /** The job, its shares and each thread's scratch (the caller's first), reused by every product. */
  private readonly job: GemmJob = {
    transA: false,
    transB: false,
    m: 0,
    n: 0,
    k: 0,
    a: 0,
    b: 0,
    c: 0,
    accumulate: false
  }
  private readonly shares: GemmBlock[]
  private readonly scratch: number[]
  private readonly helperScratch: number[]

  constructor(
    private readonly kernels: KernelExports,
    heap: WasmHeap,
    private readonly operands: Operands,
    private readonly team: GemmTeam | undefined,
    private readonly parallelMinFlops: number
  ) {
    this.tileRows = kernels.gemmTileRows()
    this.tileCols = kernels.gemmTileCols()
    const threads = 1 + (team?.helpers ?? 0)
    const scratchBytes = kernels.gemmScratchBytes()
    this.scratch = Array.from({ length: threads }, () => {
      const scratch = heap.allocBytes(scratchBytes)
      if (scratch < 0) throw new Error('WasmBackend: the memory is too small for the gemm scratch')
      return scratch
    })
    this.helperScratch = this.scratch.slice(1)
    this.shares = Array.from({ length: threads }, () => ({ i0: 0, i1: 0, j0: 0, j1: 0 }))
  }

  // An arrow property: callers may detach it (`const gemm = backend.gemm`).
  readonly gemm: MatrixKernels['gemm'] = (transA, transB, m, n, k, a, b, c, accumulate) => {
    checkOperand('A', a, m * k)
    checkOperand('B', b, k * n)
    checkOperand('C', c, m * n)
    if (m === 0 || n === 0) return
    const job = this.job
    job.transA = transA
    job.transB = transB
    job.m = m
    job.n = n
    job.k = k
    job.a = this.operands.read(a, m * k, 0)
    job.b = this.operands.read(b, k * n, 1)
    job.c = accumulate ? this.operands.read(c, m * n, 2) : this.operands.write(c, m * n, 2)
    job.accumulate = accumulate
    if (this.team !== undefined && 2 * m * n * k >= this.parallelMinFlops) this.runShared()
    else this.runAlone()
    this.operands.writeBack(c, m * n, 2)
  }

  private runAlone(): void {
    const share = this.shares[0]
    share.i0 = 0
    share.i1 = this.job.m
    share.j0 = 0
    share.j1 = this.job.n
    this.runShare(share)
  }

  private runShared(): void {
    const team = this.team!
    splitGemm(this.shares, this.job.m, this.job.n, this.tileRows, this.tileCols)
    team.start(this.job, this.shares, this.helperScratch)
    try {
      for (let s = team.claim(); s >= 0; s = team.claim()) {
        try {
          this.runShare(this.shares[s])
        } finally {
          team.done()
        }
      }
    } finally {
      team.finish()
    }
  }

  private runShare(share: GemmBlock): void {
    const { transA, transB, m, n, k, a, b, c, accumulate } = this.job
    this.kernels.gemm(
      transA,
      transB,
      m,
      n,
      k,
      a,
      b,
      c,
      accumulate,
      share.i0,
      share.i1,
      share.j0,
      share.j1,
      this.scratch[0]
    )
  }
}

function checkOperand(label: string, array: Float32Array, length: number): void {
  if (array.length < length) {
    throw new RangeError(`gemm: ${label} holds ${array.length} values, the product needs ${length}`)
  }
}
