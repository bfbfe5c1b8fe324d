/**
 * A run's curves as plain arrays, outside Vue's reactivity: per-batch values by global step and
 * per-epoch values by epoch number (from 1). Points come from stored metrics and from live events
 * in any order and any number of times; each x keeps one value, the latest given.
 */
import {
  batchKeyPrefix,
  type MetricSeries,
  type RunEpochEvent,
  type RunProgressEvent
} from '../../contract/runs'

/** Points in increasing x; putting a point at an x already present replaces its value. */
export class Curve {
  readonly x: number[] = []
  readonly y: number[] = []
  /** Counts the changes, so a chart redraws only the curves that changed. */
  version = 0

  get length(): number {
    return this.x.length
  }

  put(x: number, y: number): void {
    this.version++
    const n = this.x.length
    if (n === 0 || x > this.x[n - 1]) {
      this.x.push(x)
      this.y.push(y)
      return
    }
    let low = 0
    let high = n
    while (low < high) {
      const mid = (low + high) >> 1
      if (this.x[mid] < x) low = mid + 1
      else high = mid
    }
    if (this.x[low] === x) this.y[low] = y
    else {
      this.x.splice(low, 0, x)
      this.y.splice(low, 0, y)
    }
  }

  clear(): void {
    this.version++
    this.x.length = 0
    this.y.length = 0
  }
}

/** A stored value: null stands for NaN (SQLite and JSON have none). */
const valueOf = (v: number | null): number => (v === null ? NaN : v)

export class RunCurves {
  private readonly batch = new Map<string, Curve>()
  private readonly epoch = new Map<string, Curve>()
  /** Every stored per-batch point up to this global step has been read. */
  syncedStep = 0

  private static curve(map: Map<string, Curve>, key: string): Curve {
    let curve = map.get(key)
    if (!curve) map.set(key, (curve = new Curve()))
    return curve
  }

  /** Per-batch values of a metric ('loss', 'accuracy') by global step. */
  batchCurve(key: string): Curve {
    return RunCurves.curve(this.batch, key)
  }

  /** Per-epoch values of a logged key ('loss', 'val_loss', 'learning_rate') by epoch from 1. */
  epochCurve(key: string): Curve {
    return RunCurves.curve(this.epoch, key)
  }

  clear(): void {
    this.batch.forEach((c) => c.clear())
    this.epoch.forEach((c) => c.clear())
    this.syncedStep = 0
  }

  /** runs.metrics at step granularity: batch_<key> series by global step. */
  addStepSeries(series: readonly MetricSeries[]): void {
    for (const s of series) {
      const key = s.key.startsWith(batchKeyPrefix) ? s.key.slice(batchKeyPrefix.length) : s.key
      const curve = this.batchCurve(key)
      s.steps.forEach((step, i) => curve.put(step, valueOf(s.values[i])))
      const last = s.steps.at(-1)
      if (last !== undefined) this.syncedStep = Math.max(this.syncedStep, last)
    }
  }

  /** runs.metrics at epoch granularity. */
  addEpochSeries(series: readonly MetricSeries[]): void {
    for (const s of series) {
      const curve = this.epochCurve(s.key)
      s.epochs.forEach((epoch, i) => curve.put(epoch + 1, valueOf(s.values[i])))
    }
  }

  /** A live batch: its loss and metrics at its global step (events sample batches ≈10 a second). */
  addProgress(event: RunProgressEvent): void {
    for (const [key, value] of Object.entries(event.batch)) {
      this.batchCurve(key).put(event.globalStep, value)
    }
  }

  addEpoch(event: RunEpochEvent): void {
    for (const [key, value] of Object.entries(event.logs)) {
      this.epochCurve(key).put(event.epoch + 1, value)
    }
  }
}
