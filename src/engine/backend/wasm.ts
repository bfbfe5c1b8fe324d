import type { WasmMemory } from '../wasm/api'
import { WasmHeap } from '../wasm/heap'
import type { KernelExports } from '../wasm/kernels'
import { splitGemm, type GemmBlock } from '../wasm/split'
import type { KernelBackend } from './types'

/** Which build of the kernels runs: standard SIMD, or relaxed SIMD with fused multiply-add. */
export type WasmVariant = 'wasm-simd' | 'wasm-relaxed-simd'

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

export interface WasmBackendOptions {
  kernels: KernelExports
  memory: WasmMemory
  variant: WasmVariant
  team?: GemmTeam
  /**
   * Products below this many floating-point operations (2·m·n·k) stay on the calling thread:
   * waking the helpers costs more than they save.
   */
  parallelMinFlops?: number
}

/** About 40 µs of single-thread work: a few wake-ups' worth. */
const DEFAULT_PARALLEL_MIN_FLOPS = 2_000_000

/**
 * The WebAssembly SIMD kernel backend. Buffers from alloc() are views into the module's memory
 * and are used in place; other Float32Arrays are copied into staging buffers (correct, slower).
 * The memory never grows: when it is full, alloc() falls back to plain arrays.
 */
export class WasmBackend implements KernelBackend {
  readonly name: string
  readonly threads: number
  private readonly kernels: KernelExports
  private readonly heap: WasmHeap
  private readonly team: GemmTeam | undefined
  private readonly parallelMinFlops: number
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
  private readonly staging: Float32Array[] = []
  private closed = false

  constructor(options: WasmBackendOptions) {
    this.kernels = options.kernels
    this.team = options.team
    this.threads = 1 + (options.team?.helpers ?? 0)
    this.name = this.threads > 1 ? `${options.variant} ×${this.threads} threads` : options.variant
    this.parallelMinFlops = options.parallelMinFlops ?? DEFAULT_PARALLEL_MIN_FLOPS
    this.heap = new WasmHeap(options.memory, options.kernels.heapBase())
    this.tileRows = options.kernels.gemmTileRows()
    this.tileCols = options.kernels.gemmTileCols()
    const scratchBytes = options.kernels.gemmScratchBytes()
    this.scratch = Array.from({ length: this.threads }, () => {
      const scratch = this.heap.allocBytes(scratchBytes)
      if (scratch < 0) throw new Error('WasmBackend: the memory is too small for the gemm scratch')
      return scratch
    })
    this.helperScratch = this.scratch.slice(1)
    this.shares = Array.from({ length: this.threads }, () => ({ i0: 0, i1: 0, j0: 0, j1: 0 }))
  }

  /** Bytes of the memory never yet handed out. */
  get unusedBytes(): number {
    return this.heap.unused
  }

  // Arrow properties: callers may detach them (`const gemm = backend.gemm`).
  readonly alloc = (length: number): Float32Array =>
    this.heap.floats(length) ?? new Float32Array(length)

  /** Returns a buffer from alloc() for reuse; plain-array fallbacks are left to the GC. */
  readonly free = (buffer: Float32Array): void => {
    if (this.heap.owns(buffer)) this.heap.free(buffer)
  }

  readonly gemm = (
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    accumulate: boolean
  ): void => {
    if (this.closed) throw new Error('WasmBackend: gemm after close()')
    checkOperand('A', a, m * k)
    checkOperand('B', b, k * n)
    checkOperand('C', c, m * n)
    if (m === 0 || n === 0) return
    const cIn = this.inMemory(c, m * n, 2, accumulate)
    const job = this.job
    job.transA = transA
    job.transB = transB
    job.m = m
    job.n = n
    job.k = k
    job.a = this.inMemory(a, m * k, 0, true).byteOffset
    job.b = this.inMemory(b, k * n, 1, true).byteOffset
    job.c = cIn.byteOffset
    job.accumulate = accumulate
    if (this.team !== undefined && 2 * m * n * k >= this.parallelMinFlops) this.runShared()
    else this.runAlone()
    if (cIn !== c) c.set(cIn.subarray(0, m * n))
  }

  /** Stops the helper threads; the backend cannot multiply afterwards. */
  async close(): Promise<void> {
    this.closed = true
    await this.team?.close()
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

  /** `array` itself when it is in the memory, else a staging copy (filled when `copyIn`). */
  private inMemory(
    array: Float32Array,
    length: number,
    slot: number,
    copyIn: boolean
  ): Float32Array {
    if (this.heap.owns(array)) return array
    let stage = this.staging[slot]
    if (stage === undefined || stage.length < length) {
      if (stage !== undefined) this.heap.free(stage)
      const fresh = this.heap.floats(length)
      if (fresh === null) throw new Error('WasmBackend: the memory is too full to stage an operand')
      stage = this.staging[slot] = fresh
    }
    if (copyIn) stage.set(array.subarray(0, length))
    return stage
  }
}

function checkOperand(label: string, array: Float32Array, length: number): void {
  if (array.length < length) {
    throw new RangeError(`gemm: ${label} holds ${array.length} values, the product needs ${length}`)
  }
}
