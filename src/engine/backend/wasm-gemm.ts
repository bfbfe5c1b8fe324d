import type { WasmHeap } from '../wasm/heap'
import type { KernelExports } from '../wasm/kernels'
import { splitGemm, type GemmBlock } from '../wasm/split'
import { createJob, GEMM_KERNEL, runWithTeam, type Team } from './team'
import type { MatrixKernels } from './types'
import type { Operands } from './wasm-operands'

/**
 * gemm on the WebAssembly kernels: on the calling thread, or split between it and a team when
 * the product is large enough to pay for waking the helpers.
 */
export class GemmRunner {
  private readonly tileRows: number
  private readonly tileCols: number
  /**
   * The job (args: transA, transB, m, n, k, a, b, c, accumulate, skipZeros), its shares and
   * each thread's scratch (the caller's first), reused by every product.
   */
  private readonly job = createJob()
  private readonly shares: GemmBlock[]
  private readonly scratch: number[]
  private readonly helperScratch: number[]

  constructor(
    private readonly kernels: KernelExports,
    heap: WasmHeap,
    private readonly operands: Operands,
    private readonly team: Team | undefined,
    private readonly parallelMinFlops: number,
    private readonly skipZeroDepths: boolean
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
    const args = this.job.args
    args[0] = +transA
    args[1] = +transB
    args[2] = m
    args[3] = n
    args[4] = k
    args[5] = this.operands.read(a, m * k, 0)
    args[6] = this.operands.read(b, k * n, 1)
    args[7] = accumulate ? this.operands.read(c, m * n, 2) : this.operands.write(c, m * n, 2)
    args[8] = +accumulate
    args[9] = +this.skipZeroDepths
    if (this.team !== undefined && 2 * m * n * k >= this.parallelMinFlops) this.runShared(m, n)
    else this.runAlone(m, n)
    this.operands.writeBack(c, m * n, 2)
  }

  private runAlone(m: number, n: number): void {
    const share = this.shares[0]
    share.i0 = 0
    share.i1 = m
    share.j0 = 0
    share.j1 = n
    this.runShare(0)
  }

  private runShared(m: number, n: number): void {
    const team = this.team!
    splitGemm(this.shares, m, n, this.tileRows, this.tileCols)
    this.job.kernel = GEMM_KERNEL
    team.start(this.job, this.shares, this.helperScratch)
    runWithTeam(team, this.runShare)
  }

  /** Computes shares[s] on the calling thread (an arrow property: passed on without binding). */
  private readonly runShare = (s: number): void => {
    const a = this.job.args
    const share = this.shares[s]
    this.kernels.gemm(
      a[0] !== 0,
      a[1] !== 0,
      a[2],
      a[3],
      a[4],
      a[5],
      a[6],
      a[7],
      a[8] !== 0,
      a[9] !== 0,
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
