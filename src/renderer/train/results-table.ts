/** The results table: one row per logged key, with the last epoch, the best epoch and the test set. */
import type { MetricLogs, RunRecord } from '../../contract/runs'

export interface ResultRow {
  key: string
  last: number | null
  best: number | null
  test: number | null
}

/** Training values first, then validation, then the rest (learning rate, speed). */
function rank(key: string): number {
  if (key === 'loss') return 0
  if (key.startsWith('val_')) return key === 'val_loss' ? 2 : 3
  if (key === 'learning_rate' || key === 'samples_per_second') return 4
  return 1
}

export function resultRows(run: RunRecord): ResultRow[] {
  const last: MetricLogs = run.finalMetrics?.logs ?? {}
  const best: MetricLogs = run.bestMetrics?.logs ?? {}
  const test: MetricLogs = run.testMetrics ?? {}
  const keys = [...new Set([...Object.keys(last), ...Object.keys(best), ...Object.keys(test)])]
  keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  return keys.map((key) => ({
    key,
    last: last[key] ?? null,
    best: best[key] ?? null,
    test: test[key] ?? null
  }))
}
