/**
 * Filling a batch from uint8 samples: out[r·width + j] = src[indices[r]·width + j] · scale, the
 * product taken in f64 and rounded to f32 — exactly what plain JavaScript stores into a
 * Float32Array, so either way gives the same bits. Sixteen bytes at a time: widened to i32,
 * converted two at a time to f64, multiplied, rounded, and put back four to a vector.
 */
export function gatherScaledBytes(
  rows: i32,
  width: i32,
  src: usize,
  indices: usize,
  scale: f64,
  out: usize
): void {
  const scale2 = f64x2.splat(scale)
  const wide = width & ~15
  for (let r = 0; r < rows; r++) {
    const from = src + <usize>load<u32>(indices + ((<usize>r) << 2)) * <usize>width
    const to = out + ((<usize>(r * width)) << 2)
    let j = 0
    for (; j < wide; j += 16) {
      const bytes = v128.load(from + <usize>j)
      const low = i16x8.extend_low_i8x16_u(bytes)
      const high = i16x8.extend_high_i8x16_u(bytes)
      const at = to + ((<usize>j) << 2)
      v128.store(at, scaled4(i32x4.extend_low_i16x8_u(low), scale2))
      v128.store(at, scaled4(i32x4.extend_high_i16x8_u(low), scale2), 16)
      v128.store(at, scaled4(i32x4.extend_low_i16x8_u(high), scale2), 32)
      v128.store(at, scaled4(i32x4.extend_high_i16x8_u(high), scale2), 48)
    }
    for (; j < width; j++) {
      store<f32>(to + ((<usize>j) << 2), <f32>(<f64>load<u8>(from + <usize>j) * scale))
    }
  }
}

/** Four i32 values times `scale` (in f64), rounded to four f32. */
function scaled4(values: v128, scale2: v128): v128 {
  const front = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.convert_low_i32x4_u(values), scale2))
  const back = f32x4.demote_f64x2_zero(
    f64x2.mul(f64x2.convert_low_i32x4_u(v128.shuffle<i32>(values, values, 2, 3, 0, 1)), scale2)
  )
  return v128.shuffle<i64>(front, back, 0, 2)
}
