/** One thread's share of a product: the block C[i0:i1, j0:j1]. */
export interface GemmBlock {
  i0: number
  i1: number
  j0: number
  j1: number
}

/**
 * Splits C (m×n) into `blocks.length` blocks along its longer side, cut on multiples of the
 * register tile so no thread gets extra edge tiles, writing them into `blocks` (no allocation:
 * this runs on every parallel product). Along the longer side because every thread packs the
 * whole of the other operand: splitting n repeats packing A (m·k), splitting m repeats B (k·n).
 * (Packing each operand once for all threads measured slower on these machines: reading panels
 * another core packed cost about what packing them again does, plus a second job's round trip.)
 * A block is empty when there are fewer tiles than blocks.
 */
export function splitGemm(
  blocks: GemmBlock[],
  m: number,
  n: number,
  tileRows: number,
  tileCols: number
): void {
  const parts = blocks.length
  const byRows = m > n
  const extent = byRows ? m : n
  const tile = byRows ? tileRows : tileCols
  const tiles = Math.ceil(extent / tile)
  for (let p = 0; p < parts; p++) {
    const start = Math.min(extent, Math.floor((tiles * p) / parts) * tile)
    const stop = Math.min(extent, Math.floor((tiles * (p + 1)) / parts) * tile)
    const block = blocks[p]
    block.i0 = byRows ? start : 0
    block.i1 = byRows ? stop : m
    block.j0 = byRows ? 0 : start
    block.j1 = byRows ? n : stop
  }
}

/**
 * Splits the values [0, n) into `blocks.length` ranges [i0, i1), cut on multiples of `align`
 * (the kernels' vector width, so each range's tail is the whole job's tail), into `blocks`.
 */
export function splitRange(blocks: GemmBlock[], n: number, align: number): void {
  const parts = blocks.length
  const units = Math.ceil(n / align)
  for (let p = 0; p < parts; p++) {
    const block = blocks[p]
    block.i0 = Math.min(n, Math.floor((units * p) / parts) * align)
    block.i1 = Math.min(n, Math.floor((units * (p + 1)) / parts) * align)
    block.j0 = 0
    block.j1 = 0
  }
}
