/**
 * Numbers over several runs: mean ± sample standard deviation, seed curves read on a common x grid
 * into a band, and a metric's best / last / min / max over one run's epochs.
 */
import type { Aggregate } from '../../contract/experiments'

/** Mean and sample standard deviation (n − 1) of the finite values; std is 0 for one value. */
export function meanStd(values: Iterable<number>): Aggregate {
  let n = 0
  let sum = 0
  const finite: number[] = []
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    finite.push(v)
    sum += v
    n++
  }
  if (n === 0) return { mean: NaN, std: NaN, n: 0 }
  const mean = sum / n
  let squares = 0
  for (const v of finite) squares += (v - mean) ** 2
  return { mean, std: n > 1 ? Math.sqrt(squares / (n - 1)) : 0, n }
}

/** A curve as the chart draws it; y may hold NaN where a value is missing or diverged. */
export interface Curve {
  x: readonly number[]
  y: readonly number[]
}

export interface Band {
  x: number[]
  mean: number[]
  lower: number[]
  upper: number[]
  /** How many curves reach each x. */
  n: number[]
}

/** The first index i with xs[i] ≥ x (xs ascending), or xs.length. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (xs[mid] < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The curve's value at x by linear interpolation between its neighbours; NaN outside its span. */
export function valueAt(curve: Curve, x: number): number {
  const { x: xs, y: ys } = curve
  const i = lowerBound(xs, x)
  if (i === xs.length) return NaN
  if (xs[i] === x) return ys[i]
  if (i === 0) return NaN
  const t = (x - xs[i - 1]) / (xs[i] - xs[i - 1])
  return ys[i - 1] + t * (ys[i] - ys[i - 1])
}

/**
 * Seed curves summarised as mean ± std. The curves of one configuration log at the same steps, but
 * a run still training is shorter and wall times never match: each curve is read (interpolated)
 * at the x values of the one that reaches furthest, and only where it covers that x.
 */
export function seedBand(curves: readonly Curve[]): Band {
  const band: Band = { x: [], mean: [], lower: [], upper: [], n: [] }
  const reach = (c: Curve): number => (c.x.length ? c.x[c.x.length - 1] : -Infinity)
  const grid = curves.reduce<Curve | null>(
    (best, c) => (c.x.length && (!best || reach(c) > reach(best)) ? c : best),
    null
  )
  if (!grid) return band
  for (const x of grid.x) {
    const { mean, std, n } = meanStd(curves.map((c) => valueAt(c, x)))
    band.x.push(x)
    band.mean.push(mean)
    band.lower.push(mean - std)
    band.upper.push(mean + std)
    band.n.push(n)
  }
  return band
}

/** Accuracy-like metrics improve upward; losses and errors downward. */
export function higherIsBetter(key: string): boolean {
  return /accuracy$/.test(key)
}

export interface MetricSummary {
  /** The lowest loss or the highest accuracy. */
  best: number
  /** The last value, NaN if it was not a number (diverged). */
  last: number
  min: number
  max: number
}

/** One run's summary of a metric over its epochs; null before its first epoch ends. */
export function summarize(values: readonly (number | null)[], key: string): MetricSummary | null {
  if (values.length === 0) return null
  let min = Infinity
  let max = -Infinity
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue
    min = Math.min(min, v)
    max = Math.max(max, v)
  }
  const last = values[values.length - 1] ?? NaN
  if (min > max) return { best: NaN, last, min: NaN, max: NaN }
  return { best: higherIsBetter(key) ? max : min, last, min, max }
}
