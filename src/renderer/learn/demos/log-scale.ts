/**
 * Log scales for learning rates: an integer slider position ↔ a value spread evenly in log10
 * between lo and hi, rounded to three significant digits so that decades land on round numbers.
 */
export interface LogScale {
  readonly lo: number
  readonly hi: number
  /** Positions run 0 … steps. */
  readonly steps: number
}

export function valueAt(scale: LogScale, position: number): number {
  const a = Math.log10(scale.lo)
  const b = Math.log10(scale.hi)
  return Number((10 ** (a + ((b - a) * position) / scale.steps)).toPrecision(3))
}

/** The nearest position to value (clamped into the scale). */
export function positionOf(scale: LogScale, value: number): number {
  const a = Math.log10(scale.lo)
  const b = Math.log10(scale.hi)
  const clamped = Math.min(scale.hi, Math.max(scale.lo, value))
  return Math.round(((Math.log10(clamped) - a) / (b - a)) * scale.steps)
}

/** n values from lo to hi, evenly spaced in log10. */
export function logGrid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => valueAt({ lo, hi, steps: n - 1 }, k))
}

/** The learning-rate sliders' scale: 1e-4 … 1, twenty positions a decade. */
export const learningRateScale: LogScale = { lo: 1e-4, hi: 1, steps: 80 }
