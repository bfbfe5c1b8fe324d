import { KC_MAX, MC_MAX, MR, NR } from './tile'

/**
 * Zero-depth skipping. Where a packed A panel is zero at some depth (all its MR values: in the
 * first layer, MR images all black at one pixel), that depth adds nothing to the panel's C tiles,
 * so the micro-kernel may skip it. Inputs such as MNIST's are mostly zeros: in a batch of 128
 * images, 57% of the forward product's (6 images, pixel) depths are zero and 66% of the weight
 * gradient's (6 pixels, image) depths.
 *
 * Skipping gives the bits computing would: there a depth's products are +0 or -0, and adding a
 * signed zero leaves a running sum as it was — except the sign of a sum that is itself zero, and
 * an infinite or NaN b (0·∞ is NaN, which a skipped depth never adds). Only +0 counts as zero
 * (all bits clear), and what is skipped depends on the data alone, never on how C was split.
 */

/** Panels in one MC × KC block of packed A. */
const PANELS_MAX: i32 = (MC_MAX + MR - 1) / MR
const LIST_BYTES: usize = (<usize>(PANELS_MAX * KC_MAX)) << 2

/** Bytes of scratch a thread needs for one block's lists (one a panel) and their lengths. */
export const ZERO_DEPTH_BYTES: usize = LIST_BYTES + ((<usize>PANELS_MAX) << 2)

const GROUP_BYTES: usize = (<usize>MR) << 2
const B_GROUP_BYTES: i32 = NR << 2

/** Is the group of MR packed A values at g all +0? */
function isZeroGroup(g: usize): bool {
  if (v128.any_true(v128.load(g))) return false
  return MR == 6 ? load<u64>(g, 16) == 0 : true
}

/**
 * Looks for zero depths in each panel of a packed A block (mc rows, kc deep). A panel where at
 * least an eighth of the depths are zero is compacted in place — its other depths moved up, in
 * order — and its list gets their byte offsets into a packed B panel (depth·NR·4). Writes each
 * panel's count of depths to run: kc when it is left whole (no list; the dense kernel runs it).
 */
export function findZeroDepths(packedA: usize, mc: i32, kc: i32, scratch: usize): void {
  const counts = scratch + LIST_BYTES
  const panelBytes = <usize>kc * GROUP_BYTES
  for (let p = 0, ir = 0; ir < mc; p++, ir += MR) {
    const panel = packedA + <usize>p * panelBytes
    let zeros = 0
    for (let d = 0; d < kc; d++) if (isZeroGroup(panel + <usize>d * GROUP_BYTES)) zeros++
    if (zeros * 8 < kc) {
      store<i32>(counts + ((<usize>p) << 2), kc)
      continue
    }
    const list = listOf(scratch, p)
    let kept = 0
    for (let d = 0; d < kc; d++) {
      const from = panel + <usize>d * GROUP_BYTES
      if (isZeroGroup(from)) continue
      const to = panel + <usize>kept * GROUP_BYTES
      if (to != from) {
        v128.store(to, v128.load(from))
        if (MR == 6) store<u64>(to, load<u64>(from, 16), 16)
      }
      store<i32>(list + ((<usize>kept) << 2), d * B_GROUP_BYTES)
      kept++
    }
    store<i32>(counts + ((<usize>p) << 2), kept)
  }
}

/** How many depths panel p runs (kc: the panel is whole, run it with the dense kernel). */
export function depthsOf(scratch: usize, p: i32): i32 {
  return load<i32>(scratch + LIST_BYTES + ((<usize>p) << 2))
}

/** Where panel p's list of depth offsets is. */
export function listOf(scratch: usize, p: i32): usize {
  return scratch + <usize>p * ((<usize>KC_MAX) << 2)
}
