/** Which curve the chart shows (metric, granularity, x axis) and a run's series as chart points. */
import { batchKeyPrefix, type MetricSeries } from '../../contract/runs'
import type { Curve } from './aggregate'
import type { Granularity } from './series-store'

export type XAxis = 'step' | 'epoch' | 'time'

export interface MetricOption {
  /** The stored key: epoch logs as Keras names them, per-batch values as batch_<name>. */
  key: string
  label: string
  granularity: Granularity
}

export const metricOptions: readonly MetricOption[] = [
  { key: 'loss', label: 'loss', granularity: 'epoch' },
  { key: 'accuracy', label: 'accuracy', granularity: 'epoch' },
  { key: 'val_loss', label: 'validation loss', granularity: 'epoch' },
  { key: 'val_accuracy', label: 'validation accuracy', granularity: 'epoch' },
  { key: 'learning_rate', label: 'learning rate', granularity: 'epoch' },
  { key: `${batchKeyPrefix}loss`, label: 'batch loss', granularity: 'step' },
  { key: `${batchKeyPrefix}accuracy`, label: 'batch accuracy', granularity: 'step' }
]

export function metricOption(key: string): MetricOption {
  return metricOptions.find((m) => m.key === key) ?? metricOptions[0]
}

/** Per-batch values can be placed by step or time; per-epoch ones also by epoch. */
export function xAxesFor(granularity: Granularity): XAxis[] {
  return granularity === 'epoch' ? ['epoch', 'step', 'time'] : ['step', 'time']
}

export const xAxisLabels: Record<XAxis, string> = {
  step: 'step (updates)',
  epoch: 'epoch',
  time: 'seconds since the run started'
}

/**
 * Where one logged point sits on the x axis. Epoch logs count epochs done (epoch 0's logs at 1);
 * time counts from `originSeconds`, the run's start.
 */
export function xOf(
  axis: XAxis,
  point: { step: number; epoch: number; wallTime: number },
  originSeconds: number
): number {
  if (axis === 'epoch') return point.epoch + 1
  if (axis === 'time') return point.wallTime - originSeconds
  return point.step
}

/** A stored series as chart points; missing values (a diverged NaN) become NaN. */
export function curveOf(series: MetricSeries, axis: XAxis, originSeconds: number): Curve {
  return {
    x: series.steps.map((step, i) =>
      xOf(axis, { step, epoch: series.epochs[i], wallTime: series.wallTimes[i] }, originSeconds)
    ),
    y: series.values.map((v) => v ?? NaN)
  }
}

/** When a run began, in seconds since 1970: its start, else its first logged point. */
export function originOf(startedAt: number | null, series?: MetricSeries): number {
  if (startedAt !== null) return startedAt / 1000
  return series?.wallTimes[0] ?? Date.now() / 1000
}
