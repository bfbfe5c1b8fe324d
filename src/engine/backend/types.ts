/**
 * The kernel backend: the few hot loops every training step spends its time in.
 * The plain TypeScript implementation (reference.ts) is the oracle; faster ones
 * (WebAssembly SIMD, a worker_threads pool) must match it and plug in here.
 *
 * All matrices are row-major float32. Buffers handed to a backend should come from its
 * own `alloc` so that a WebAssembly backend can use them in place without copying.
 */
export interface KernelBackend {
  /** Shown to the user in app.info, e.g. "js", "wasm-simd", "wasm-relaxed-simd ×2 threads". */
  readonly name: string
  /** Worker threads used by gemm (1 = single-threaded). */
  readonly threads: number

  /** A zeroed float32 buffer of `length` elements that this backend's kernels accept in place. */
  alloc(length: number): Float32Array

  /**
   * C = op(A)·op(B), or C += op(A)·op(B) when accumulate is true.
   * op(A) is m×k (A is stored k×m when transA), op(B) is k×n (B stored n×k when transB), C is m×n.
   * Summation order over k must not depend on the thread count (bitwise determinism).
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
}
