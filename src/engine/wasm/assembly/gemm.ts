import { edgeKernel, EveryDepth, kernel, ListedDepths } from './kernel'
import { packA, packB } from './pack'
import { KC_MAX, MC_MAX, MR, NC_MAX, NR } from './tile'
import { depthsOf, findZeroDepths, listOf, ZERO_DEPTH_BYTES } from './zero-depths'

const PACK_A_BYTES: usize = (<usize>(MC_MAX * KC_MAX)) << 2
const PACK_B_BYTES: usize = (<usize>(KC_MAX * NC_MAX)) << 2
const TILE_BYTES: usize = (<usize>(MR * NR)) << 2

/**
 * Bytes of private scratch (packed panels, an edge tile, the zero-depth lists) each calling
 * thread must pass.
 */
export function gemmScratchBytes(): usize {
  return PACK_A_BYTES + PACK_B_BYTES + TILE_BYTES + ZERO_DEPTH_BYTES
}

/**
 * C[i0:i1, j0:j1] = op(A)·op(B) (or += when accumulate), for op(A) m×k, op(B) k×n, C m×n,
 * all row-major f32 at the given byte addresses. A thread computes the block of C it is given;
 * the depth blocking depends on k alone, so each entry's summation order is the same however
 * C is split between threads. skipZeros: skip the depths where a panel of A is all zero
 * (zero-depths.ts); off, every depth is computed (0·∞ gives NaN, as in plain arithmetic).
 */
export function gemm(
  transA: bool,
  transB: bool,
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  b: usize,
  c: usize,
  accumulate: bool,
  skipZeros: bool,
  i0: i32,
  i1: i32,
  j0: i32,
  j1: i32,
  scratch: usize
): void {
  if (k == 0) {
    if (!accumulate) zeroBlock(c, n, i0, i1, j0, j1)
    return
  }
  const packedA = scratch
  const packedB = scratch + PACK_A_BYTES
  const tile = packedB + PACK_B_BYTES
  const zeroDepths = tile + TILE_BYTES
  const kBlocks = (k + KC_MAX - 1) / KC_MAX
  const kcStep = (k + kBlocks - 1) / kBlocks
  for (let jc = j0; jc < j1; jc += NC_MAX) {
    const nc = min(NC_MAX, j1 - jc)
    for (let pc = 0; pc < k; pc += kcStep) {
      const kc = min(kcStep, k - pc)
      const loadC = accumulate || pc > 0
      packB(transB, b, n, k, jc, nc, pc, kc, packedB)
      for (let ic = i0; ic < i1; ic += MC_MAX) {
        const mc = min(MC_MAX, i1 - ic)
        packA(transA, a, m, k, ic, mc, pc, kc, packedA)
        if (skipZeros) findZeroDepths(packedA, mc, kc, zeroDepths)
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = min(NR, nc - jr)
          const pb = packedB + ((<usize>(jr * kc)) << 2)
          for (let ir = 0, p = 0; ir < mc; ir += MR, p++) {
            const rows = min(MR, mc - ir)
            const pa = packedA + ((<usize>(ir * kc)) << 2)
            const cij = c + ((<usize>((ic + ir) * n + jc + jr)) << 2)
            const depths = skipZeros ? depthsOf(zeroDepths, p) : kc
            const full = rows == MR && cols == NR
            if (depths == kc) {
              if (full) kernel<EveryDepth>(kc, pa, pb, 0, cij, n, loadC)
              else edgeKernel<EveryDepth>(kc, pa, pb, 0, cij, n, rows, cols, loadC, tile)
            } else {
              const list = listOf(zeroDepths, p)
              if (full) kernel<ListedDepths>(depths, pa, pb, list, cij, n, loadC)
              else edgeKernel<ListedDepths>(depths, pa, pb, list, cij, n, rows, cols, loadC, tile)
            }
          }
        }
      }
    }
  }
}

function zeroBlock(c: usize, n: i32, i0: i32, i1: i32, j0: i32, j1: i32): void {
  for (let i = i0; i < i1; i++) {
    memory.fill(c + ((<usize>(i * n + j0)) << 2), 0, (<usize>(j1 - j0)) << 2)
  }
}

/** Rows of the register tile: splitting C between threads on multiples of it adds no edge tiles. */
export function gemmTileRows(): i32 {
  return MR
}

/** Columns of the register tile. */
export function gemmTileCols(): i32 {
  return NR
}
