import type { KernelExports } from '../wasm/kernels'
import { splitRange, type GemmBlock } from '../wasm/split'
import { createJob, ELEMENTWISE_KERNELS, type ElementwiseKernel, type Team } from './team'

/** An elementwise kernel seen as (n, eleven numbers): wasm ignores arguments past its own. */
type FlatKernel = (
  n: number,
  a0: number,
  a1: number,
  a2: number,
  a3: number,
  a4: number,
  a5: number,
  a6: number,
  a7: number,
  a8: number,
  a9: number,
  a10: number
) => void

/** Values a thread gets at least before a kernel is split: below it, waking helpers costs more. */
const DEFAULT_PARALLEL_MIN_VALUES = 16384
/** f32x4: ranges cut on multiples of 4 leave the scalar tail where one call would. */
const LANES = 4

/**
 * Runs the elementwise kernels (optimizer updates, zeroing, scaling) on the calling thread, or
 * split by ranges of values between it and a team when there are enough values to pay for it.
 */
export class ElementwiseRunner {
  private readonly job = createJob()
  private readonly shares: GemmBlock[]
  private readonly flat: FlatKernel[]
  private readonly numbers: Record<ElementwiseKernel, number>

  constructor(
    kernels: KernelExports,
    private readonly team: Team | undefined,
    private readonly minValuesPerThread = DEFAULT_PARALLEL_MIN_VALUES
  ) {
    const threads = 1 + (team?.helpers ?? 0)
    this.shares = Array.from({ length: threads }, () => ({ i0: 0, i1: 0, j0: 0, j1: 0 }))
    this.flat = ELEMENTWISE_KERNELS.map((name) => kernels[name] as unknown as FlatKernel)
    this.numbers = Object.fromEntries(
      ELEMENTWISE_KERNELS.map((name, k) => [name, k + 1])
    ) as Record<ElementwiseKernel, number>
  }

  /**
   * kernel(n, a0…a10), where the first `pointers` arguments are byte offsets (0: none) and
   * the rest scalars. Unused trailing arguments may be left out.
   */
  run(
    kernel: ElementwiseKernel,
    n: number,
    pointers: number,
    a0 = 0,
    a1 = 0,
    a2 = 0,
    a3 = 0,
    a4 = 0,
    a5 = 0,
    a6 = 0,
    a7 = 0,
    a8 = 0,
    a9 = 0,
    a10 = 0
  ): void {
    const number = this.numbers[kernel]
    const team = this.team
    if (team === undefined || n < 2 * this.minValuesPerThread) {
      this.flat[number - 1](n, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10)
      return
    }
    const job = this.job
    job.kernel = number
    job.pointers = pointers
    const args = job.args
    args[0] = a0
    args[1] = a1
    args[2] = a2
    args[3] = a3
    args[4] = a4
    args[5] = a5
    args[6] = a6
    args[7] = a7
    args[8] = a8
    args[9] = a9
    args[10] = a10
    splitRange(this.shares, n, LANES)
    team.start(job, this.shares)
    // The caller's shares take its own arguments (numbers the JIT has already boxed), not the
    // job's copies: reading a Float64Array would box every scalar again, on every call.
    const kernelFn = this.flat[number - 1]
    const p = pointers
    try {
      for (let s = team.claim(); s >= 0; s = team.claim()) {
        try {
          const { i0, i1 } = this.shares[s]
          const o = 4 * i0
          kernelFn(
            i1 - i0,
            shifted(a0, 0, p, o),
            shifted(a1, 1, p, o),
            shifted(a2, 2, p, o),
            shifted(a3, 3, p, o),
            shifted(a4, 4, p, o),
            shifted(a5, 5, p, o),
            shifted(a6, 6, p, o),
            shifted(a7, 7, p, o),
            shifted(a8, 8, p, o),
            shifted(a9, 9, p, o),
            shifted(a10, 10, p, o)
          )
        } finally {
          team.done()
        }
      }
    } finally {
      team.finish()
    }
  }
}

/** Argument `i` of a share starting `offset` bytes in: pointers move, scalars and 0 stay. */
function shifted(value: number, i: number, pointers: number, offset: number): number {
  return i < pointers && value !== 0 ? value + offset : value
}
