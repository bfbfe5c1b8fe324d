/**
 * Loads and stores for elementwise kernels written once on f32x4, instantiated twice: with
 * T = v128 they move four values; with T = f32 one value, in lane 0 (the other lanes are zero
 * and never stored). A kernel runs its rule on v128 over the first n & ~3 values and on f32 over
 * the rest, so the last few values get exactly the arithmetic of the others without reading or
 * writing past the end of a buffer. `isVector<T>()` is settled at compile time, and each
 * instantiation of a rule has one caller, so the optimizer inlines it into its loop.
 */

export function load4<T>(p: usize): v128 {
  if (isVector<T>()) return v128.load(p)
  return v128.load32_zero(p)
}

export function store4<T>(p: usize, value: v128): void {
  if (isVector<T>()) v128.store(p, value)
  else v128.store32_lane(p, value, 0)
}

/** Byte offset where the four-wide part of an n-value loop ends. */
export function wideBytes(n: i32): usize {
  return (<usize>(n & ~3)) << 2
}

/** Byte offset where an n-value loop ends. */
export function endBytes(n: i32): usize {
  return (<usize>n) << 2
}

export function splat(x: f32): v128 {
  return f32x4.splat(x)
}
