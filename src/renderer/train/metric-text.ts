/** Logged values as people read them: accuracies in percent, losses to four places. */

/** Keys whose values are shares in [0, 1]. */
const isShare = (key: string): boolean => /(^|_)(accuracy|acc)$/.test(key)

/** "val_accuracy" → "val accuracy", "learning_rate" → "learning rate". */
export function metricLabel(key: string): string {
  return key.replace(/_/g, ' ')
}

export function formatMetric(key: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  if (!Number.isFinite(value)) return String(value)
  if (isShare(key)) return `${(100 * value).toFixed(2)}%`
  if (key.endsWith('learning_rate')) return value.toPrecision(3)
  if (key.endsWith('samples_per_second')) return Math.round(value).toLocaleString('en-US')
  return value.toFixed(4)
}
