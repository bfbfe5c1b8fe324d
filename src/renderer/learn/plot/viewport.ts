/** The map between data coordinates and canvas pixels (CSS pixels; y grows downward on screen). */
export interface Range {
  readonly min: number
  readonly max: number
}

export interface Box {
  readonly x: Range
  readonly y: Range
}

export interface Inset {
  readonly left: number
  readonly right: number
  readonly top: number
  readonly bottom: number
}

/** Room for tick labels on the left and at the bottom. */
export const axesInset: Inset = { left: 44, right: 12, top: 10, bottom: 28 }

export interface Viewport {
  readonly box: Box
  readonly width: number
  readonly height: number
  readonly inset: Inset
  /** Pixel column of data x. */
  px(x: number): number
  /** Pixel row of data y. */
  py(y: number): number
  /** Data x at pixel column px. */
  x(px: number): number
  /** Data y at pixel row py. */
  y(py: number): number
}

export function viewport(box: Box, width: number, height: number, inset = axesInset): Viewport {
  const left = inset.left
  const right = width - inset.right
  const top = inset.top
  const bottom = height - inset.bottom
  const sx = (right - left) / (box.x.max - box.x.min)
  const sy = (bottom - top) / (box.y.max - box.y.min)
  return {
    box,
    width,
    height,
    inset,
    px: (x) => left + (x - box.x.min) * sx,
    py: (y) => bottom - (y - box.y.min) * sy,
    x: (px) => box.x.min + (px - left) / sx,
    y: (py) => box.y.min + (bottom - py) / sy
  }
}

/** The range of the finite values, widened by a share of its span on each side (never empty). */
export function paddedRange(values: Iterable<number>, pad = 0.05): Range {
  let min = Infinity
  let max = -Infinity
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    if (v < min) min = v
    if (v > max) max = v
  }
  if (min > max) return { min: 0, max: 1 }
  const span = max - min || Math.max(Math.abs(max), 1)
  return { min: min - pad * span, max: max + pad * span }
}
