import type { WasmMemory } from '../wasm/api'
import { WasmHeap } from '../wasm/heap'
import type { KernelExports } from '../wasm/kernels'
import type { KernelBackend } from './types'
import type { Team } from './team'
import { wasmBatchKernels } from './wasm-batch'
import { ElementwiseRunner } from './wasm-elementwise'
import { GemmRunner } from './wasm-gemm'
import { Operands } from './wasm-operands'
import { wasmPointwiseKernels } from './wasm-pointwise'
import { wasmUpdateKernels } from './wasm-updates'

export type { Team, TeamJob } from './team'

/** Which build of the kernels runs: standard SIMD, or relaxed SIMD with fused multiply-add. */
export type WasmVariant = 'wasm-simd' | 'wasm-relaxed-simd'

export interface WasmBackendOptions {
  kernels: KernelExports
  memory: WasmMemory
  variant: WasmVariant
  team?: Team
  /**
   * Products below this many floating-point operations (2·m·n·k) stay on the calling thread:
   * waking the helpers costs more than they save.
   */
  parallelMinFlops?: number
  /** Elementwise kernels (updates, zeroing) split only above this many values a thread. */
  parallelMinValues?: number
  /**
   * gemm skips the depths where a panel of A is all zero (default true): same results, much
   * less work on sparse inputs such as MNIST's. false computes every depth (for comparisons).
   */
  skipZeroDepths?: boolean
}

/** About 40 µs of single-thread work: a few wake-ups' worth. */
const DEFAULT_PARALLEL_MIN_FLOPS = 2_000_000

type Kernel<K extends keyof KernelBackend> = KernelBackend[K]

/**
 * The WebAssembly SIMD kernel backend. Buffers from alloc() are views into the module's memory
 * and are used in place; other Float32Arrays are copied into staging buffers (correct, slower).
 * The memory never grows: when it is full, alloc() falls back to plain arrays. Every kernel is a
 * function property, so callers may detach them (`const gemm = backend.gemm`).
 */
export class WasmBackend implements KernelBackend {
  readonly name: string
  readonly threads: number
  private readonly heap: WasmHeap
  private readonly runner: GemmRunner
  private readonly team: Team | undefined
  private closed = false

  // Assigned by the constructor from ./wasm-batch, ./wasm-pointwise and ./wasm-updates.
  declare readonly allocBytes: Kernel<'allocBytes'>
  declare readonly gatherScaledRows: Kernel<'gatherScaledRows'>
  declare readonly biasActivation: Kernel<'biasActivation'>
  declare readonly biasActivationBackward: Kernel<'biasActivationBackward'>
  declare readonly softmax: Kernel<'softmax'>
  declare readonly softmaxBackward: Kernel<'softmaxBackward'>
  declare readonly softmaxCrossEntropy: Kernel<'softmaxCrossEntropy'>
  declare readonly softmaxCrossEntropyBackward: Kernel<'softmaxCrossEntropyBackward'>
  declare readonly sparseSoftmaxCrossEntropy: Kernel<'sparseSoftmaxCrossEntropy'>
  declare readonly sparseSoftmaxCrossEntropyBackward: Kernel<'sparseSoftmaxCrossEntropyBackward'>
  declare readonly zero: Kernel<'zero'>
  declare readonly sumOfSquares: Kernel<'sumOfSquares'>
  declare readonly scale: Kernel<'scale'>
  declare readonly clamp: Kernel<'clamp'>
  declare readonly weightDecay: Kernel<'weightDecay'>
  declare readonly sgd: Kernel<'sgd'>
  declare readonly sgdMomentum: Kernel<'sgdMomentum'>
  declare readonly rmsprop: Kernel<'rmsprop'>
  declare readonly adagrad: Kernel<'adagrad'>
  declare readonly adam: Kernel<'adam'>
  declare readonly nadam: Kernel<'nadam'>
  declare readonly adadelta: Kernel<'adadelta'>

  constructor(options: WasmBackendOptions) {
    const { kernels, team } = options
    this.team = team
    this.threads = 1 + (team?.helpers ?? 0)
    this.name = this.threads > 1 ? `${options.variant} ×${this.threads} threads` : options.variant
    this.heap = new WasmHeap(options.memory, kernels.heapBase())
    const operands = new Operands(this.heap)
    const minFlops = options.parallelMinFlops ?? DEFAULT_PARALLEL_MIN_FLOPS
    const skipZeros = options.skipZeroDepths ?? true
    this.runner = new GemmRunner(kernels, this.heap, operands, team, minFlops, skipZeros)
    Object.assign(
      this,
      wasmBatchKernels(kernels, this.heap),
      wasmPointwiseKernels(kernels, operands),
      wasmUpdateKernels(
        kernels,
        operands,
        new ElementwiseRunner(kernels, team, options.parallelMinValues)
      )
    )
  }

  /** Bytes of the memory never yet handed out. */
  get unusedBytes(): number {
    return this.heap.unused
  }

  readonly alloc = (length: number): Float32Array =>
    this.heap.floats(length) ?? new Float32Array(length)

  /** Returns a buffer from alloc() for reuse; plain-array fallbacks are left to the GC. */
  readonly free = (buffer: Float32Array): void => {
    if (this.heap.owns(buffer)) this.heap.free(buffer)
  }

  readonly gemm: Kernel<'gemm'> = (transA, transB, m, n, k, a, b, c, accumulate) => {
    if (this.closed) throw new Error('WasmBackend: gemm after close()')
    this.runner.gemm(transA, transB, m, n, k, a, b, c, accumulate)
  }

  /** Stops the helper threads; the backend cannot multiply afterwards. */
  async close(): Promise<void> {
    this.closed = true
    await this.team?.close()
  }
}
