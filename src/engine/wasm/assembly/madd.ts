/**
 * acc + a·b on four f32 lanes. The relaxed build (--enable relaxed-simd) emits one fused
 * multiply-add; the standard build a multiply then an add. The branch is resolved at compile time.
 */
export function madd(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, acc)
  return f32x4.add(f32x4.mul(a, b), acc)
}
