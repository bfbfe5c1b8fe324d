import type { MetricSeries } from '../../../contract'

/**
 * At most `maxPoints` points: consecutive points averaged in equal buckets (NaNs, stored as
 * null, left out), each bucket placed at its last step — a long batch-loss curve keeps its shape.
 */
export function decimate(series: MetricSeries, maxPoints: number): MetricSeries {
  const n = series.steps.length
  if (n <= maxPoints) return series
  const size = Math.ceil(n / maxPoints)
  const out: MetricSeries = { key: series.key, steps: [], epochs: [], values: [], wallTimes: [] }
  for (let start = 0; start < n; start += size) {
    const last = Math.min(n, start + size) - 1
    let sum = 0
    let count = 0
    for (let i = start; i <= last; i++) {
      const value = series.values[i]
      if (value === null) continue
      sum += value
      count++
    }
    out.steps.push(series.steps[last])
    out.epochs.push(series.epochs[last])
    out.values.push(count > 0 ? sum / count : null)
    out.wallTimes.push(series.wallTimes[last])
  }
  return out
}
