import { instantiateWasm, type WasmMemory, type WasmModule } from './api'

/** Pointers are byte offsets into the kernels' memory; 0 stands for "none" (no bias, no slot). */
type Ptr = number

/**
 * The exports of the AssemblyScript kernels module (src/engine/wasm/assembly/index.ts), typed.
 * Flags are passed as booleans (0/1 in wasm); see the assembly sources for each formula.
 */
export interface KernelExports {
  /** C[i0:i1, j0:j1] (+)= op(A)·op(B); see assembly/gemm.ts. `scratch` is private to the caller. */
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Ptr,
    b: Ptr,
    c: Ptr,
    accumulate: boolean,
    skipZeros: boolean,
    i0: number,
    i1: number,
    j0: number,
    j1: number,
    scratch: Ptr
  ): void
  gemmScratchBytes(): number
  gemmTileRows(): number
  gemmTileCols(): number
  heapBase(): number
  /**
   * Batch rows from uint8 samples: out[r·width + j] = src[indices[r]·width + j] · scale, in f64
   * rounded to f32 (assembly/batch.ts). `indices` holds `rows` u32 sample numbers.
   */
  gatherScaledBytes(
    rows: number,
    width: number,
    src: Ptr,
    indices: Ptr,
    scale: number,
    out: Ptr
  ): void
  /** x[0..n) ← 0 (assembly/memory.ts). */
  zero(n: number, x: Ptr): void

  // assembly/activation.ts: y = f(z + bias) and its backward.
  biasLinear(rows: number, width: number, z: Ptr, bias: Ptr, y: Ptr): void
  biasRelu(rows: number, width: number, z: Ptr, bias: Ptr, y: Ptr): void
  biasLeakyRelu(alpha: number, rows: number, width: number, z: Ptr, bias: Ptr, y: Ptr): void
  biasLinearBackward(rows: number, width: number, gy: Ptr, gz: Ptr, gBias: Ptr): void
  biasReluBackward(rows: number, width: number, y: Ptr, gy: Ptr, gz: Ptr, gBias: Ptr): void
  biasLeakyReluBackward(
    alpha: number,
    rows: number,
    width: number,
    z: Ptr,
    bias: Ptr,
    gy: Ptr,
    gz: Ptr,
    gBias: Ptr
  ): void

  // assembly/softmax.ts
  softmaxRows(rows: number, width: number, x: Ptr, y: Ptr): void
  softmaxRowsBackward(rows: number, width: number, y: Ptr, gy: Ptr, gx: Ptr): void
  softmaxCrossEntropy(rows: number, classes: number, logits: Ptr, targets: Ptr, probs: Ptr): number
  softmaxCrossEntropyBackward(
    rows: number,
    classes: number,
    probs: Ptr,
    targets: Ptr,
    scale: number,
    gLogits: Ptr
  ): void
  sparseSoftmaxCrossEntropy(
    rows: number,
    classes: number,
    logits: Ptr,
    labels: Ptr,
    probs: Ptr
  ): number
  sparseSoftmaxCrossEntropyBackward(
    rows: number,
    classes: number,
    probs: Ptr,
    labels: Ptr,
    scale: number,
    gLogits: Ptr
  ): void

  // assembly/updates.ts: n values from each pointer; complements like 1 − ρ computed in f64.
  sumOfSquares(n: number, x: Ptr): number
  scale(n: number, x: Ptr, factor: number): void
  clamp(n: number, x: Ptr, lo: number, hi: number): void
  weightDecay(n: number, w: Ptr, rate: number): void
  sgd(n: number, w: Ptr, g: Ptr, lr: number): void
  sgdMomentum(
    n: number,
    w: Ptr,
    g: Ptr,
    v: Ptr,
    lr: number,
    momentum: number,
    nesterov: boolean
  ): void
  rmsprop(
    n: number,
    w: Ptr,
    g: Ptr,
    s: Ptr,
    m: Ptr,
    gBar: Ptr,
    lr: number,
    rho: number,
    oneMinusRho: number,
    momentum: number,
    epsilon: number
  ): void
  adagrad(n: number, w: Ptr, g: Ptr, a: Ptr, lr: number, epsilon: number): void
  adam(
    n: number,
    w: Ptr,
    g: Ptr,
    m: Ptr,
    v: Ptr,
    vMax: Ptr,
    alpha: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    epsilon: number
  ): void
  nadam(
    n: number,
    w: Ptr,
    g: Ptr,
    m: Ptr,
    v: Ptr,
    lr: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    epsilon: number,
    mScale: number,
    gScale: number,
    vScale: number
  ): void
  adadelta(
    n: number,
    w: Ptr,
    g: Ptr,
    gradSquares: Ptr,
    deltaSquares: Ptr,
    lr: number,
    rho: number,
    oneMinusRho: number,
    epsilon: number
  ): void
}

/** Instantiates the kernels over `memory` (shared or not, matching how the module was built). */
export function instantiateKernels(module: WasmModule, memory: WasmMemory): KernelExports {
  return instantiateWasm(module, { env: { memory } }) as unknown as KernelExports
}
