/** A training history (one value per epoch and key) as charts: each metric against its val_ twin. */
import type { LineSeries } from '../components/charts/series'
import type { History } from '../../engine/model/history'

export interface HistoryChart {
  /** The metric: loss, accuracy, mae, … */
  key: string
  series: LineSeries[]
}

/** Logged per epoch but not a training metric of their own. */
const NOT_CHARTED = new Set(['learning_rate', 'samples_per_second'])

/**
 * One chart per training metric, in the order logged, with its validation twin dashed beside
 * it; x is the epoch counted from 1.
 */
export function historyCharts(history: History): HistoryChart[] {
  const x = history.epoch.map((e) => e + 1)
  const keys = Object.keys(history.history).filter(
    (k) => !k.startsWith('val_') && !NOT_CHARTED.has(k)
  )
  return keys.map((key) => {
    const series: LineSeries[] = [{ label: 'training', color: 1, x, y: history.history[key] }]
    const validation = history.history[`val_${key}`]
    if (validation) series.push({ label: 'validation', color: 2, dashed: true, x, y: validation })
    return { key, series }
  })
}
