/**
 * Filled contour plots: sample a function on a pixel grid, cut its values into bands at chosen
 * levels, and colour each pixel by its band — darker where the band changes, which draws the
 * level lines. Pure: it returns RGBA bytes for an ImageData.
 */
import { mix, type Rgb } from './colors'
import type { Box } from './viewport'

/** Pixel centres of an nx × ny grid over box, row by row from the top (largest y) down. */
export function gridPoints(
  box: Box,
  nx: number,
  ny: number
): { xs: Float64Array; ys: Float64Array } {
  const xs = new Float64Array(nx * ny)
  const ys = new Float64Array(nx * ny)
  const dx = (box.x.max - box.x.min) / nx
  const dy = (box.y.max - box.y.min) / ny
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      xs[j * nx + i] = box.x.min + (i + 0.5) * dx
      ys[j * nx + i] = box.y.max - (j + 0.5) * dy
    }
  }
  return { xs, ys }
}

/**
 * count levels between the smallest and largest finite value: evenly spaced, or evenly spaced
 * in log10(v − min) for surfaces that span many orders of magnitude (Rosenbrock, Beale).
 */
export function contourLevels(values: ArrayLike<number>, count: number, log: boolean): number[] {
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v < min) min = v
    if (v > max) max = v
  }
  if (!(max > min)) return [min]
  if (!log)
    return Array.from({ length: count }, (_, k) => min + ((k + 1) * (max - min)) / (count + 1))
  // From a millionth of the span up: below that the bands are too thin to see.
  const lo = Math.log10((max - min) * 1e-6)
  const hi = Math.log10(max - min)
  return Array.from(
    { length: count },
    (_, k) => min + 10 ** (lo + ((k + 1) * (hi - lo)) / (count + 1))
  )
}

/** How many levels lie at or below v (levels ascending): its band, 0 … levels.length. */
export function bandOf(v: number, levels: readonly number[]): number {
  let lo = 0
  let hi = levels.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (levels[mid] <= v) lo = mid + 1
    else hi = mid
  }
  return lo
}

export interface ContourStyle {
  /** The colour of the lowest band … */
  readonly low: Rgb
  /** … fading to this one at the highest. */
  readonly high: Rgb
  /** Level lines: this colour laid over the band colour at lineAlpha. */
  readonly line: Rgb
  readonly lineAlpha: number
}

/** RGBA bytes of the filled contour image for values on an nx × ny grid (row-major, top row first). */
export function contourImage(
  values: ArrayLike<number>,
  nx: number,
  ny: number,
  levels: readonly number[],
  style: ContourStyle
): Uint8ClampedArray {
  const bands = new Int32Array(nx * ny)
  for (let i = 0; i < bands.length; i++) bands[i] = bandOf(values[i], levels)
  const top = Math.max(1, levels.length)
  const palette = Array.from({ length: top + 1 }, (_, k) => mix(style.low, style.high, k / top))
  const lined = palette.map((c) => mix(c, style.line, style.lineAlpha))
  const rgba = new Uint8ClampedArray(nx * ny * 4)
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const at = j * nx + i
      const band = bands[at]
      const edge = (i + 1 < nx && bands[at + 1] !== band) || (j + 1 < ny && bands[at + nx] !== band)
      const [r, g, b] = (edge ? lined : palette)[band]
      rgba.set([r, g, b, 255], at * 4)
    }
  }
  return rgba
}
