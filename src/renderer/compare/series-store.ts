/**
 * The metric points of the runs on screen, outside Vue's reactivity: what runs.metrics returned,
 * plus the points that live events add afterwards. Events may arrive before a fetch answers;
 * the fetched series then takes over and the live points after its last step follow it.
 */
import type { MetricSeries } from '../../contract/runs'

export type Granularity = 'epoch' | 'step'

export interface LivePoint {
  step: number
  epoch: number
  value: number
  /** Seconds since 1970. */
  wallTime: number
}

const emptySeries = (key: string): MetricSeries => ({
  key,
  steps: [],
  epochs: [],
  values: [],
  wallTimes: []
})

export class SeriesStore {
  private readonly data = new Map<string, Map<string, MetricSeries>>()
  private readonly fetched = new Set<string>()

  private slot(runId: number, granularity: Granularity): Map<string, MetricSeries> {
    const id = `${runId}/${granularity}`
    let keys = this.data.get(id)
    if (!keys) this.data.set(id, (keys = new Map()))
    return keys
  }

  /** Whether runs.metrics has answered for this run and granularity, for a key or (null) all. */
  has(runId: number, granularity: Granularity, key: string | null): boolean {
    return this.fetched.has(`${runId}/${granularity}/${key ?? '*'}`)
  }

  /**
   * Takes a runs.metrics answer for these keys (null: every key), keeping live points logged
   * after it.
   */
  set(
    runId: number,
    granularity: Granularity,
    keys: readonly string[] | null,
    series: MetricSeries[]
  ) {
    const slot = this.slot(runId, granularity)
    const answered = new Map(series.map((s) => [s.key, s]))
    for (const key of keys ?? ['*']) this.fetched.add(`${runId}/${granularity}/${key}`)
    for (const key of new Set([...(keys ?? []), ...answered.keys()])) {
      const fresh = answered.get(key) ?? emptySeries(key)
      const merged: MetricSeries = {
        key,
        steps: [...fresh.steps],
        epochs: [...fresh.epochs],
        values: [...fresh.values],
        wallTimes: [...fresh.wallTimes]
      }
      const live = slot.get(key)
      const lastStep = merged.steps.at(-1) ?? -1
      live?.steps.forEach((step, i) => {
        if (step <= lastStep) return
        merged.steps.push(step)
        merged.epochs.push(live.epochs[i])
        merged.values.push(live.values[i])
        merged.wallTimes.push(live.wallTimes[i])
      })
      slot.set(key, merged)
    }
  }

  /** Appends a live point; false when it is not newer than the last one held. */
  add(runId: number, granularity: Granularity, key: string, point: LivePoint): boolean {
    const slot = this.slot(runId, granularity)
    let series = slot.get(key)
    if (!series) slot.set(key, (series = emptySeries(key)))
    if (point.step <= (series.steps.at(-1) ?? -1)) return false
    series.steps.push(point.step)
    series.epochs.push(point.epoch)
    series.values.push(point.value)
    series.wallTimes.push(point.wallTime)
    return true
  }

  get(runId: number, granularity: Granularity, key: string): MetricSeries | undefined {
    return this.data.get(`${runId}/${granularity}`)?.get(key)
  }

  /** Every key held for the run at this granularity. */
  keys(runId: number, granularity: Granularity): string[] {
    return [...(this.data.get(`${runId}/${granularity}`)?.keys() ?? [])]
  }

  /**
   * Marks a run's series as out of date, keeping its points until a new answer replaces them:
   * a finished run has stored every batch, where live events brought only a sample.
   */
  invalidate(runId: number): void {
    for (const id of [...this.fetched]) if (id.startsWith(`${runId}/`)) this.fetched.delete(id)
  }

  /** Forgets a run, to be fetched afresh (a resumed run drops the points after its checkpoint). */
  forget(runId: number): void {
    for (const g of ['epoch', 'step'] as const) this.data.delete(`${runId}/${g}`)
    this.invalidate(runId)
  }
}
