/**
 * The reference gemm. It packs op(A) into panels of MR rows and op(B) into panels of NR columns,
 * k-major and contiguous, so one register-tiled micro-kernel serves all four transpose layouts.
 * Panels are held as float64 (no float32→float64 conversion in the inner loop) in scratch buffers that
 * grow once and are then reused. The summation order depends only on m, n and k.
 */
const MR = 4
const NR = 4
/** Depth of one packed block: a B panel (NR × KC doubles) stays in L1 while A panels stream by. */
const KC = 256
/** Rows of A packed at a time (MC × KC doubles stay in L2). */
const MC = 64

const packedA = new Float64Array(MC * KC)
let packedB = new Float64Array(0)
/** A partial tile at the right or bottom edge of C, written back element by element. */
const edgeTile = new Float64Array(MR * NR)

export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  accumulate: boolean
): void {
  if (!accumulate) c.fill(0, 0, m * n)
  if (m === 0 || n === 0 || k === 0) return
  const panelsB = Math.ceil(n / NR)
  if (packedB.length < panelsB * NR * KC) packedB = new Float64Array(panelsB * NR * KC)
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = Math.min(KC, k - p0)
    packB(b, transB, n, k, p0, kc)
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = Math.min(MC, m - i0)
      packA(a, transA, m, k, i0, mc, p0, kc)
      for (let jp = 0; jp < panelsB; jp++) {
        const j = jp * NR
        const cols = Math.min(NR, n - j)
        for (let ip = 0; ip * MR < mc; ip++) {
          const i = i0 + ip * MR
          const rows = Math.min(MR, m - i)
          microKernel(kc, ip * MR * kc, jp * NR * kc, c, i * n + j, n, rows, cols)
        }
      }
    }
  }
}

/** Packs rows i0..i0+mc of op(A), depth p0..p0+kc, as MR-row panels laid out [panel][p][r]. */
function packA(
  a: Float32Array,
  transA: boolean,
  m: number,
  k: number,
  i0: number,
  mc: number,
  p0: number,
  kc: number
): void {
  const pa = packedA
  let o = 0
  for (let ir = 0; ir < mc; ir += MR) {
    for (let p = 0; p < kc; p++) {
      for (let r = 0; r < MR; r++) {
        const i = i0 + ir + r
        // op(A)[i][p] is a[i*k + p], or a[p*m + i] when A is stored transposed (k × m).
        pa[o++] = i < i0 + mc ? (transA ? a[(p0 + p) * m + i] : a[i * k + p0 + p]) : 0
      }
    }
  }
}

/** Packs all n columns of op(B), depth p0..p0+kc, as NR-column panels laid out [panel][p][c]. */
function packB(
  b: Float32Array,
  transB: boolean,
  n: number,
  k: number,
  p0: number,
  kc: number
): void {
  const pb = packedB
  let o = 0
  for (let j0 = 0; j0 < n; j0 += NR) {
    for (let p = 0; p < kc; p++) {
      for (let s = 0; s < NR; s++) {
        const j = j0 + s
        // op(B)[p][j] is b[p*n + j], or b[j*k + p] when B is stored transposed (n × k).
        pb[o++] = j < n ? (transB ? b[j * k + p0 + p] : b[(p0 + p) * n + j]) : 0
      }
    }
  }
}

/** C[rows × cols tile at c0] += A panel · B panel, with the 4×4 tile held in locals. */
// prettier-ignore
function microKernel(
  kc: number,
  offA: number,
  offB: number,
  c: Float32Array,
  c0: number,
  ldc: number,
  rows: number,
  cols: number
): void {
  const pa = packedA
  const pb = packedB
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0
  let ia = offA
  let ib = offB
  for (let p = 0; p < kc; p++, ia += MR, ib += NR) {
    const a0 = pa[ia], a1 = pa[ia + 1], a2 = pa[ia + 2], a3 = pa[ia + 3]
    const b0 = pb[ib], b1 = pb[ib + 1], b2 = pb[ib + 2], b3 = pb[ib + 3]
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3
  }
  if (rows === MR && cols === NR) {
    let o = c0
    c[o] += c00; c[o + 1] += c01; c[o + 2] += c02; c[o + 3] += c03
    o += ldc
    c[o] += c10; c[o + 1] += c11; c[o + 2] += c12; c[o + 3] += c13
    o += ldc
    c[o] += c20; c[o + 1] += c21; c[o + 2] += c22; c[o + 3] += c23
    o += ldc
    c[o] += c30; c[o + 1] += c31; c[o + 2] += c32; c[o + 3] += c33
    return
  }
  const tile = edgeTile
  tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03
  tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13
  tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23
  tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33
  for (let r = 0; r < rows; r++) {
    for (let s = 0; s < cols; s++) c[c0 + r * ldc + s] += tile[r * NR + s]
  }
}
