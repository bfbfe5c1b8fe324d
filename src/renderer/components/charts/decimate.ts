/** A chart point, as Chart.js takes it with parsing off. */
export interface Point {
  x: number
  y: number
}

/**
 * At most about `maxPoints` points of a long series, keeping its envelope: the series is cut
 * into runs of consecutive points and each run keeps its lowest and its highest point, in order.
 * Noisy curves keep their spread, spikes survive. Non-finite values (a diverged loss) are left
 * out: a canvas cannot draw them.
 */
export function decimate(xs: ArrayLike<number>, ys: ArrayLike<number>, maxPoints: number): Point[] {
  const n = Math.min(xs.length, ys.length)
  const points: Point[] = []
  const run = n <= maxPoints ? 1 : Math.ceil(n / Math.max(1, Math.floor(maxPoints / 2)))
  for (let start = 0; start < n; start += run) {
    const end = Math.min(n, start + run)
    let low = -1
    let high = -1
    for (let i = start; i < end; i++) {
      if (!Number.isFinite(ys[i]) || !Number.isFinite(xs[i])) continue
      if (low < 0 || ys[i] < ys[low]) low = i
      if (high < 0 || ys[i] > ys[high]) high = i
    }
    if (low < 0) continue
    const first = Math.min(low, high)
    const last = Math.max(low, high)
    points.push({ x: xs[first], y: ys[first] })
    if (last !== first) points.push({ x: xs[last], y: ys[last] })
  }
  return points
}
