import { MR, NR } from './tile'

/**
 * Packing copies a block of op(A) or op(B) into the order the micro-kernel reads it, so every
 * layout (A·B, Aᵀ·B, A·Bᵀ, Aᵀ·Bᵀ) runs through the same kernel. Rows or columns past the matrix
 * edge are filled with zeros: they only ever reach C entries that are thrown away.
 * Where the stored matrix runs the other way (A m×k, or B n×k) four lines at a time are
 * transposed in registers, four depths at a time.
 */

function f32At(base: usize, index: i32): f32 {
  return load<f32>(base + ((<usize>index) << 2))
}

/**
 * Reads 4 depths of 4 stored lines (line q at src + q·lineBytes) and writes them as 4 groups,
 * one per depth (depth d at out + d·groupBytes): a 4×4 transpose.
 */
function transpose4(src: usize, lineBytes: usize, out: usize, groupBytes: usize): void {
  const l0 = v128.load(src)
  const l1 = v128.load(src + lineBytes)
  const l2 = v128.load(src + 2 * lineBytes)
  const l3 = v128.load(src + 3 * lineBytes)
  const lo01 = v128.shuffle<f32>(l0, l1, 0, 4, 1, 5)
  const lo23 = v128.shuffle<f32>(l2, l3, 0, 4, 1, 5)
  const hi01 = v128.shuffle<f32>(l0, l1, 2, 6, 3, 7)
  const hi23 = v128.shuffle<f32>(l2, l3, 2, 6, 3, 7)
  v128.store(out, v128.shuffle<f32>(lo01, lo23, 0, 1, 4, 5))
  v128.store(out + groupBytes, v128.shuffle<f32>(lo01, lo23, 2, 3, 6, 7))
  v128.store(out + 2 * groupBytes, v128.shuffle<f32>(hi01, hi23, 0, 1, 4, 5))
  v128.store(out + 3 * groupBytes, v128.shuffle<f32>(hi01, hi23, 2, 3, 6, 7))
}

/** The same for 2 lines: 4 depths of 2 lines become 4 pairs. */
function transpose2(src: usize, lineBytes: usize, out: usize, groupBytes: usize): void {
  const l0 = v128.load(src)
  const l1 = v128.load(src + lineBytes)
  const lo = v128.shuffle<f32>(l0, l1, 0, 4, 1, 5)
  const hi = v128.shuffle<f32>(l0, l1, 2, 6, 3, 7)
  v128.store64_lane(out, lo, 0)
  v128.store64_lane(out + groupBytes, lo, 1)
  v128.store64_lane(out + 2 * groupBytes, hi, 0)
  v128.store64_lane(out + 3 * groupBytes, hi, 1)
}

/**
 * Copies `lines` stored lines (line q at src + q·lineBytes, depth contiguous) for depths
 * [0, kc) into groups of `group` floats (depth d at out + d·group·4): the transposing pack.
 */
function packLines(
  src: usize,
  lineBytes: usize,
  lines: i32,
  kc: i32,
  out: usize,
  group: i32
): void {
  const groupBytes = (<usize>group) << 2
  let p = 0
  for (; p + 4 <= kc; p += 4) {
    const from = src + ((<usize>p) << 2)
    const to = out + <usize>p * groupBytes
    let q = 0
    for (; q + 4 <= lines; q += 4) {
      transpose4(from + <usize>q * lineBytes, lineBytes, to + ((<usize>q) << 2), groupBytes)
    }
    if (q < lines)
      transpose2(from + <usize>q * lineBytes, lineBytes, to + ((<usize>q) << 2), groupBytes)
  }
  for (; p < kc; p++) {
    for (let q = 0; q < lines; q++) {
      store<f32>(
        out + <usize>p * groupBytes + ((<usize>q) << 2),
        f32At(src + <usize>q * lineBytes, p)
      )
    }
  }
}

/**
 * Packs rows [i0, i0 + mc) × depths [p0, p0 + kc) of op(A) (m×k) into panels of MR rows:
 * panel after panel, each kc groups of MR values (one group per depth).
 */
export function packA(
  transA: bool,
  a: usize,
  m: i32,
  k: i32,
  i0: i32,
  mc: i32,
  p0: i32,
  kc: i32,
  dst: usize
): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir)
    const i = i0 + ir
    if (transA && rows == MR) {
      // A is stored k×m: a panel's MR values at one depth are contiguous.
      for (let p = 0; p < kc; p++) {
        const src = a + ((<usize>((p0 + p) * m + i)) << 2)
        const out = dst + ((<usize>(p * MR)) << 2)
        v128.store(out, v128.load(src))
        if (MR == 6) store<u64>(out, load<u64>(src, 16), 16)
      }
    } else if (!transA && rows == MR) {
      // A is stored m×k: each row runs along k.
      packLines(a + ((<usize>(i * k + p0)) << 2), (<usize>k) << 2, MR, kc, dst, MR)
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < MR; r++) {
          let v: f32 = 0
          if (r < rows) v = transA ? f32At(a, (p0 + p) * m + i + r) : f32At(a, (i + r) * k + p0 + p)
          store<f32>(dst + ((<usize>(p * MR + r)) << 2), v)
        }
      }
    }
    dst += (<usize>(kc * MR)) << 2
  }
}

/**
 * Packs depths [p0, p0 + kc) × columns [j0, j0 + nc) of op(B) (k×n) into panels of NR columns:
 * panel after panel, each kc groups of NR values (one group per depth).
 */
export function packB(
  transB: bool,
  b: usize,
  n: i32,
  k: i32,
  j0: i32,
  nc: i32,
  p0: i32,
  kc: i32,
  dst: usize
): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr)
    const j = j0 + jr
    if (!transB && cols == NR) {
      // B is stored k×n: a panel's NR values at one depth are contiguous.
      for (let p = 0; p < kc; p++) {
        const src = b + ((<usize>((p0 + p) * n + j)) << 2)
        const out = dst + ((<usize>(p * NR)) << 2)
        for (let v = 0; v < NR; v += 4) {
          v128.store(out + ((<usize>v) << 2), v128.load(src + ((<usize>v) << 2)))
        }
      }
    } else if (transB && cols == NR) {
      // B is stored n×k: each column of op(B) runs along k.
      packLines(b + ((<usize>(j * k + p0)) << 2), (<usize>k) << 2, NR, kc, dst, NR)
    } else {
      for (let p = 0; p < kc; p++) {
        for (let c = 0; c < NR; c++) {
          let v: f32 = 0
          if (c < cols) v = transB ? f32At(b, (j + c) * k + p0 + p) : f32At(b, (p0 + p) * n + j + c)
          store<f32>(dst + ((<usize>(p * NR + c)) << 2), v)
        }
      }
    }
    dst += (<usize>(kc * NR)) << 2
  }
}
