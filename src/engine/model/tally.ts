import type { Logs } from '../callbacks/callback'
import { metricSum } from '../metrics'
import type { CompiledMetric } from './compiled'

/**
 * Running means over the samples of an epoch (or an evaluation), as Keras's metrics keep them:
 * each batch counts in proportion to its size, so a partial last batch weighs less.
 */
export class Tally {
  private samples = 0
  private lossTotal = 0
  private readonly metricTotals: Float64Array

  constructor(
    private readonly metrics: readonly CompiledMetric[],
    private readonly outputDim: number
  ) {
    this.metricTotals = new Float64Array(metrics.length)
  }

  reset(): void {
    this.samples = 0
    this.lossTotal = 0
    this.metricTotals.fill(0)
  }

  /**
   * Adds one batch: its mean loss and its `size` samples' outputs and targets. When `batchLogs`
   * is given it receives this batch's own loss and metric means.
   */
  add(
    loss: number,
    output: Float32Array,
    targets: Float32Array,
    size: number,
    batchLogs?: Logs
  ): void {
    this.samples += size
    this.lossTotal += loss * size
    if (batchLogs) batchLogs.loss = loss
    this.metrics.forEach((m, i) => {
      const total = metricSum(m.name, output, targets, size, this.outputDim)
      this.metricTotals[i] += total
      if (batchLogs) batchLogs[m.key] = total / size
    })
  }

  get count(): number {
    return this.samples
  }

  /** { loss, metric… } as means over the samples so far, keys prefixed (e.g. 'val_'). */
  means(prefix = ''): Logs {
    const logs: Logs = { [`${prefix}loss`]: this.lossTotal / this.samples }
    this.metrics.forEach((m, i) => {
      logs[`${prefix}${m.key}`] = this.metricTotals[i] / this.samples
    })
    return logs
  }
}
