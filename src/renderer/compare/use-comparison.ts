/**
 * The chosen runs and what the Compare view shows of them: their details, their experiment (with
 * its sweep), and their metric points, fetched once and then kept current from live events.
 */
import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue'
import type { DescentBridge } from '../../contract/bridge'
import type { ExperimentDetail } from '../../contract/experiments'
import {
  batchKeyPrefix,
  type RunDetail,
  type RunEpochEvent,
  type RunProgressEvent
} from '../../contract/runs'
import { coalesce } from '../runs/coalesce'
import { isActiveStatus } from '../runs/run-actions'
import type { Selection } from './selection'
import { SeriesStore, type Granularity, type LivePoint } from './series-store'

/** Per-step series are fetched averaged down to this many points (the chart draws at most 800). */
export const STEP_POINTS = 1000

/** How often, at most, live epochs refresh the table. */
const TABLE_REFRESH_MS = 250

export type LiveListener = (
  runId: number,
  granularity: Granularity,
  key: string,
  point: LivePoint
) => void

/** A logged number as it crossed the wire: NaN and ±Infinity arrive as null. */
const numberOrNaN = (value: unknown): number => (typeof value === 'number' ? value : NaN)

export function useComparison(api: DescentBridge, selection: Ref<Selection>) {
  const store = new SeriesStore()
  const runs = shallowRef<RunDetail[]>([])
  const experiment = shallowRef<ExperimentDetail | null>(null)
  /** Ids of chosen runs that could not be read (deleted meanwhile). */
  const missing = ref<number[]>([])
  const loading = ref(false)
  /** Bumps when fetched points land: the chart rebuilds its lines. */
  const fetched = ref(0)
  /** Bumps a few times a second at most while epochs end: the table recomputes. */
  const live = ref(0)
  const listeners = new Set<LiveListener>()
  let token = 0

  const chosen = (id: number): boolean => runs.value.some((r) => r.id === id)

  /** Reads the epochs of the runs that lack them; a failed read is left for the next try. */
  async function fetchEpochs(ids: readonly number[]): Promise<void> {
    await Promise.allSettled(
      ids
        .filter((id) => !store.has(id, 'epoch', null))
        .map(async (id) => {
          const answer = await api.call('runs.metrics', { id, granularity: 'epoch' })
          store.set(id, 'epoch', null, answer.series)
        })
    )
  }

  /** Fetches a per-step key for every chosen run that lacks it (failures become notifications). */
  async function ensureStepMetric(key: string): Promise<void> {
    const mine = token
    const lacking = runs.value.filter((r) => !store.has(r.id, 'step', key))
    if (lacking.length === 0) return
    await Promise.allSettled(
      lacking.map(async ({ id }) => {
        const answer = await api.call('runs.metrics', {
          id,
          granularity: 'step',
          keys: [key],
          maxPoints: STEP_POINTS
        })
        store.set(id, 'step', [key], answer.series)
      })
    )
    if (mine === token) fetched.value++
  }

  /** Reads the runs' details (in the order given) and their epochs. */
  async function readRuns(ids: readonly number[], mine: number): Promise<void> {
    const answers = await Promise.allSettled(ids.map((id) => api.call('runs.get', { id })))
    if (mine !== token) return
    const found = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []))
    missing.value = ids.filter((_, i) => answers[i].status === 'rejected')
    await fetchEpochs(found.map((r) => r.id))
    if (mine !== token) return
    runs.value = found
    fetched.value++
  }

  async function load(): Promise<void> {
    const mine = ++token
    const current = selection.value
    loading.value = true
    try {
      if (current.kind === 'experiment') {
        const detail = await api.call('experiments.get', { id: current.id })
        if (mine !== token) return
        experiment.value = detail
        await readRuns(
          detail.runs.map((r) => r.id),
          mine
        )
      } else {
        experiment.value = null
        await readRuns(current.runIds, mine)
      }
    } catch {
      // Reported as a notification by the api client; the view shows what it has.
      if (mine === token && current.kind === 'experiment') experiment.value = null
    } finally {
      if (mine === token) loading.value = false
    }
  }

  /** The experiment changed (a sweep's next phase adds runs): read it and its new runs. */
  async function rereadExperiment(): Promise<void> {
    const current = selection.value
    if (current.kind !== 'experiment') return
    const mine = token
    const detail = await api.call('experiments.get', { id: current.id })
    if (mine !== token) return
    experiment.value = detail
    const known = new Map(runs.value.map((r) => [r.id, r]))
    const fresh = detail.runs.filter((r) => !known.has(r.id)).map((r) => r.id)
    const added = await Promise.all(fresh.map((id) => api.call('runs.get', { id })))
    await fetchEpochs(fresh)
    if (mine !== token) return
    const byId = new Map([...known, ...added.map((r) => [r.id, r] as const)])
    runs.value = detail.runs.flatMap((r) => byId.get(r.id) ?? [])
    if (fresh.length) fetched.value++
    // A run that moved on while it was not yet on screen sent its status event unheard.
    for (const record of detail.runs) {
      if (byId.get(record.id)?.status !== record.status) void onStatus(record.id, record.status)
    }
  }
  // Failures were shown as notifications; the next event tries again.
  const experimentChanged = coalesce(() => rereadExperiment().catch(() => {}), 500)

  const tableRefresh = coalesce(async () => {
    live.value++
  }, TABLE_REFRESH_MS)

  function record(id: number, granularity: Granularity, key: string, point: LivePoint): void {
    if (store.add(id, granularity, key, point)) {
      for (const listener of listeners) listener(id, granularity, key, point)
    }
  }

  function onProgress(e: RunProgressEvent): void {
    if (!chosen(e.id)) return
    const wallTime = Date.now() / 1000
    for (const [name, value] of Object.entries(e.batch)) {
      record(e.id, 'step', batchKeyPrefix + name, {
        step: e.globalStep,
        epoch: e.epoch,
        value: numberOrNaN(value),
        wallTime
      })
    }
  }

  function onEpoch(e: RunEpochEvent): void {
    if (!chosen(e.id)) return
    const wallTime = Date.now() / 1000
    for (const [key, value] of Object.entries(e.logs)) {
      record(e.id, 'epoch', key, {
        step: e.step,
        epoch: e.epoch,
        value: numberOrNaN(value),
        wallTime
      })
    }
    tableRefresh.request()
  }

  async function onStatus(id: number, status: RunDetail['status']): Promise<void> {
    if (!chosen(id)) return
    const mine = token
    // A resumed run redoes the epoch it was in: its points after the checkpoint are gone. An
    // ended one has stored every batch, of which live events brought a sample: read it again.
    if (status === 'running') store.forget(id)
    else if (!isActiveStatus(status)) store.invalidate(id)
    try {
      const detail = await api.call('runs.get', { id })
      await fetchEpochs([id])
      if (mine !== token) return
      runs.value = runs.value.map((r) => (r.id === id ? detail : r))
      fetched.value++
    } catch {
      // Shown as a notification; the row keeps what it had.
    }
  }

  const unsubscribe = [
    api.on('run.progress', onProgress),
    api.on('run.epoch', onEpoch),
    api.on('run.status', (e) => void onStatus(e.id, e.status)),
    api.on('experiment.updated', ({ id }) => {
      const current = selection.value
      if (current.kind === 'experiment' && current.id === id) experimentChanged.request()
    })
  ]
  onBeforeUnmount(() => {
    token++
    for (const off of unsubscribe) off()
    experimentChanged.cancel()
    tableRefresh.cancel()
  })

  watch(() => JSON.stringify(selection.value), load, { immediate: true })

  return {
    store,
    runs,
    experiment,
    missing,
    loading,
    fetched,
    live,
    ensureStepMetric,
    /** Calls `listener` for every live point added; returns the unsubscribe. */
    onLive(listener: LiveListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}

export type Comparison = ReturnType<typeof useComparison>
