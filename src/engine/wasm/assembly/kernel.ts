import { madd } from './madd'
import { MR, NR } from './tile'

/**
 * How the micro-kernel walks the depths, as a type argument settled at compile time:
 * EveryDepth reads depth after depth of the packed B panel; ListedDepths reads only the depths
 * whose byte offsets into the B panel are listed (i32 each): those where the A panel is not all
 * zero (see zero-depths.ts). Its A panel holds just the listed depths, one after another.
 */
export type EveryDepth = f32
export type ListedDepths = i32

/**
 * The register-blocked micro-kernel: C[MR×NR] (+)= Apanel[MR×kc] · Bpanel[kc×NR] over packed
 * panels, with the whole tile held in f32x4 accumulators for the whole depth. Each C entry sums
 * its products in increasing depth order, starting from C itself (loadC) or from zero.
 * Rows 4 and 5 exist only in the 6-row build (MR is a compile-time constant).
 * With ListedDepths, kc counts the listed depths and `list` is where their offsets are.
 */
export function kernel<Walk>(
  kc: i32,
  pa: usize,
  pb: usize,
  list: usize,
  c: usize,
  ldc: i32,
  loadC: bool
): void {
  const row = (<usize>ldc) << 2
  const r1 = c + row
  const r2 = r1 + row
  const r3 = r2 + row
  const r4 = r3 + row
  const r5 = r4 + row
  const zero = f32x4.splat(0)
  let c00 = loadC ? v128.load(c) : zero
  let c01 = loadC ? v128.load(c, 16) : zero
  let c10 = loadC ? v128.load(r1) : zero
  let c11 = loadC ? v128.load(r1, 16) : zero
  let c20 = loadC ? v128.load(r2) : zero
  let c21 = loadC ? v128.load(r2, 16) : zero
  let c30 = loadC ? v128.load(r3) : zero
  let c31 = loadC ? v128.load(r3, 16) : zero
  let c40 = zero
  let c41 = zero
  let c50 = zero
  let c51 = zero
  if (MR == 6 && loadC) {
    c40 = v128.load(r4)
    c41 = v128.load(r4, 16)
    c50 = v128.load(r5)
    c51 = v128.load(r5, 16)
  }
  const listed = isInteger<Walk>()
  const end = listed ? list + ((<usize>kc) << 2) : pb + ((<usize>(kc * NR)) << 2)
  while (listed ? list < end : pb < end) {
    const at = listed ? pb + <usize>load<i32>(list) : pb
    const b0 = v128.load(at)
    const b1 = v128.load(at, 16)
    let a = v128.load32_splat(pa)
    c00 = madd(a, b0, c00)
    c01 = madd(a, b1, c01)
    a = v128.load32_splat(pa, 4)
    c10 = madd(a, b0, c10)
    c11 = madd(a, b1, c11)
    a = v128.load32_splat(pa, 8)
    c20 = madd(a, b0, c20)
    c21 = madd(a, b1, c21)
    a = v128.load32_splat(pa, 12)
    c30 = madd(a, b0, c30)
    c31 = madd(a, b1, c31)
    if (MR == 6) {
      a = v128.load32_splat(pa, 16)
      c40 = madd(a, b0, c40)
      c41 = madd(a, b1, c41)
      a = v128.load32_splat(pa, 20)
      c50 = madd(a, b0, c50)
      c51 = madd(a, b1, c51)
    }
    pa += MR << 2
    if (listed) list += 4
    else pb += NR << 2
  }
  v128.store(c, c00)
  v128.store(c, c01, 16)
  v128.store(r1, c10)
  v128.store(r1, c11, 16)
  v128.store(r2, c20)
  v128.store(r2, c21, 16)
  v128.store(r3, c30)
  v128.store(r3, c31, 16)
  if (MR == 6) {
    v128.store(r4, c40)
    v128.store(r4, c41, 16)
    v128.store(r5, c50)
    v128.store(r5, c51, 16)
  }
}

/**
 * A tile cut by the matrix edge (rows < MR or cols < NR): run the same kernel on a full scratch
 * tile so every entry gets exactly the same arithmetic as inside the matrix, then copy back.
 */
export function edgeKernel<Walk>(
  kc: i32,
  pa: usize,
  pb: usize,
  list: usize,
  c: usize,
  ldc: i32,
  rows: i32,
  cols: i32,
  loadC: bool,
  tile: usize
): void {
  for (let r = 0; r < MR; r++) {
    for (let j = 0; j < NR; j++) {
      let v: f32 = 0
      if (loadC && r < rows && j < cols) v = load<f32>(c + ((<usize>(r * ldc + j)) << 2))
      store<f32>(tile + ((<usize>(r * NR + j)) << 2), v)
    }
  }
  kernel<Walk>(kc, pa, pb, list, tile, NR, loadC)
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      store<f32>(c + ((<usize>(r * ldc + j)) << 2), load<f32>(tile + ((<usize>(r * NR + j)) << 2)))
    }
  }
}
