/**
 * The kernel backend: the few hot loops every training step spends its time in.
 * The plain TypeScript implementation (reference.ts) is the oracle; faster ones
 * (WebAssembly SIMD, a worker_threads pool) must match it and plug in here.
 *
 * All matrices are row-major float32. Buffers handed to a backend should come from its
 * own `alloc` so that a WebAssembly backend can use them in place without copying.
 * "+=" kernels add into gradients, as every op's backward does; a null gradient is skipped.
 */
export interface KernelBackend extends MatrixKernels, UpdateKernels, DataKernels {
  /** Shown to the user in app.info, e.g. "js", "wasm-simd", "wasm-relaxed-simd ×2 threads". */
  readonly name: string
  /** Threads that share gemm and the optimizer updates (1 = single-threaded). */
  readonly threads: number

  /** A zeroed float32 buffer of `length` elements that this backend's kernels accept in place. */
  alloc(length: number): Float32Array
}

/** Where samples are read to: a buffer of `length` bytes (see DataKernels.allocBytes). */
export type ByteStorage = (length: number) => Uint8Array

export interface DataKernels {
  /**
   * A zeroed byte buffer for samples, where this backend's data kernels read them in place (the
   * WebAssembly backend's memory while it has room for it, else an ordinary array).
   */
  allocBytes(length: number): Uint8Array

  /**
   * A batch of uint8 samples, scaled: for r < end − start, out[r·width + j] =
   * src[order[start + r]·width + j] · scale, multiplied in float64 and rounded to float32 (what
   * plain JavaScript stores, so every backend gives the same bits). The caller checks the
   * sample numbers. `src` must not change once passed: a backend may keep a copy of it.
   */
  gatherScaledRows(
    src: Uint8Array,
    width: number,
    order: Uint32Array,
    start: number,
    end: number,
    scale: number,
    out: Float32Array
  ): void
}

/** The activations applied value by value (softmax works on whole rows and has its own kernels). */
export type PointwiseActivation =
  'linear' | 'relu' | 'leaky_relu' | 'elu' | 'sigmoid' | 'tanh' | 'softplus' | 'gelu'

export interface MatrixKernels {
  /**
   * C = op(A)·op(B), or C += op(A)·op(B) when accumulate is true.
   * op(A) is m×k (A is stored k×m when transA), op(B) is k×n (B stored n×k when transB), C is m×n.
   * Summation order over k must not depend on the thread count (bitwise determinism).
   * A backend may skip terms whose A value is +0 (the WebAssembly one skips depths where a whole
   * panel of A is zero): the sums are the same, but a zero times an infinite B then adds no NaN.
   */
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    accumulate: boolean
  ): void

  /**
   * y = f(z + bias) over rows × width, bias [width] added to every row (null: no bias), in one
   * pass. `alpha` is leaky_relu's negative slope and elu's scale; the others ignore it.
   */
  biasActivation(
    f: PointwiseActivation,
    alpha: number,
    rows: number,
    width: number,
    z: Float32Array,
    bias: Float32Array | null,
    y: Float32Array
  ): void

  /**
   * The backward of biasActivation, in one pass: with d = gy ⊙ f'(x) at x = z + bias (f' may read
   * y = f(x) too), gz += d and gBias[j] += Σ over rows of d.
   */
  biasActivationBackward(
    f: PointwiseActivation,
    alpha: number,
    rows: number,
    width: number,
    z: Float32Array,
    bias: Float32Array | null,
    y: Float32Array,
    gy: Float32Array,
    gz: Float32Array | null,
    gBias: Float32Array | null
  ): void

  /** y = softmax of each row of x, shifted by the row's maximum so that exp never overflows. */
  softmax(rows: number, width: number, x: Float32Array, y: Float32Array): void

  /** gx += y ⊙ (gy − Σ gy·y), row by row. */
  softmaxBackward(
    rows: number,
    width: number,
    y: Float32Array,
    gy: Float32Array,
    gx: Float32Array
  ): void

  /**
   * Fused softmax + cross-entropy from logits: probs ← softmax(logits); returns the mean over
   * rows of Σ_j targets·(logsumexp − logits). Targets are rows of class weights (one-hot).
   */
  softmaxCrossEntropy(
    rows: number,
    classes: number,
    logits: Float32Array,
    targets: Float32Array,
    probs: Float32Array
  ): number

  /** gLogits += scale·(probs·Σtargets − targets), row by row (scale = dLoss / rows). */
  softmaxCrossEntropyBackward(
    rows: number,
    classes: number,
    probs: Float32Array,
    targets: Float32Array,
    scale: number,
    gLogits: Float32Array
  ): void

  /** As softmaxCrossEntropy, with one class index a row for targets (checked by the caller). */
  sparseSoftmaxCrossEntropy(
    rows: number,
    classes: number,
    logits: Float32Array,
    labels: Float32Array,
    probs: Float32Array
  ): number

  /** gLogits += scale·(probs − onehot(labels)), row by row. */
  sparseSoftmaxCrossEntropyBackward(
    rows: number,
    classes: number,
    probs: Float32Array,
    labels: Float32Array,
    scale: number,
    gLogits: Float32Array
  ): void
}

/**
 * The optimizers' update rules and the gradient pipeline around them, in place over one variable
 * (w its values, g its gradient, the rest its slots), with Keras 3's formulas (see the optimizer
 * files). The optimizer passes the per-step scalars (learning rate, bias corrections) and the
 * complements 1 − ρ, 1 − β in float64, computed once, as Keras computes them in Python.
 */
export interface UpdateKernels {
  /**
   * x ← 0. Use it rather than x.fill(0) on the backend's buffers: V8 fills a view of a
   * SharedArrayBuffer (the shared WebAssembly memory) element by element, several times slower.
   */
  zero(x: Float32Array): void
  /** Σ x² (accumulated in float64). */
  sumOfSquares(x: Float32Array): number
  /** x ← x·factor */
  scale(x: Float32Array, factor: number): void
  /** x ← min(max(x, lo), hi) */
  clamp(x: Float32Array, lo: number, hi: number): void
  /** Decoupled weight decay: w ← w − w·rate (rate = lr·weight_decay). */
  weightDecay(w: Float32Array, rate: number): void

  /** w ← w − lr·g */
  sgd(w: Float32Array, g: Float32Array, lr: number): void
  /** v ← μv − lr·g; w ← w + v, or w ← w + μv − lr·g with the new v (Nesterov). */
  sgdMomentum(
    w: Float32Array,
    g: Float32Array,
    v: Float32Array,
    lr: number,
    momentum: number,
    nesterov: boolean
  ): void
  /**
   * s ← ρs + (1−ρ)g²; D = s + ε, or with ḡ (centered) ḡ ← ρḡ + (1−ρ)g, D = s − ḡ² + ε;
   * inc = lr·g/√D; with m (momentum) m ← μm + inc, w ← w − m; else w ← w − inc.
   */
  rmsprop(
    w: Float32Array,
    g: Float32Array,
    s: Float32Array,
    m: Float32Array | null,
    gBar: Float32Array | null,
    lr: number,
    rho: number,
    oneMinusRho: number,
    momentum: number,
    epsilon: number
  ): void
  /** a ← a + g²; w ← w − lr·g/√(a + ε) */
  adagrad(w: Float32Array, g: Float32Array, a: Float32Array, lr: number, epsilon: number): void
  /**
   * m ← m + (g − m)(1 − β1); v ← v + (g² − v)(1 − β2); w ← w − α·m/(√v + ε), or with vMax
   * (AMSGrad) vMax ← max(vMax, v) used for v.
   */
  adam(
    w: Float32Array,
    g: Float32Array,
    m: Float32Array,
    v: Float32Array,
    vMax: Float32Array | null,
    alpha: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    epsilon: number
  ): void
  /**
   * Adam's moments, then m̂ = mScale·m + gScale·g, v̂ = vScale·v, w ← w − lr·m̂/(√v̂ + ε)
   * (mScale = u_{t+1}/(1 − Π_{t+1}), gScale = (1 − u_t)/(1 − Π_t), vScale = 1/(1 − β2^t)).
   */
  nadam(
    w: Float32Array,
    g: Float32Array,
    m: Float32Array,
    v: Float32Array,
    lr: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    epsilon: number,
    mScale: number,
    gScale: number,
    vScale: number
  ): void
  /** E_g ← ρE_g + (1−ρ)g²; Δ = −√(E_Δ + ε)·g/√(E_g + ε); E_Δ ← ρE_Δ + (1−ρ)Δ²; w ← w + lr·Δ */
  adadelta(
    w: Float32Array,
    g: Float32Array,
    gradSquares: Float32Array,
    deltaSquares: Float32Array,
    lr: number,
    rho: number,
    oneMinusRho: number,
    epsilon: number
  ): void
}
