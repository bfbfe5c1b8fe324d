/**
 * One run's data for the dashboard: its spec, its curves and how they grow. A finished run is
 * read once (per-batch values decimated by the service). A live run listens first and reads
 * second, so nothing falls between the stored points and the events; every couple of seconds it
 * reads the batches stored since (events only sample them) until the run ends.
 */
import {
  computed,
  markRaw,
  onScopeDispose,
  ref,
  shallowRef,
  watch,
  type ComputedRef,
  type Ref,
  type ShallowRef
} from 'vue'
import { toApiError } from '../../contract/errors'
import type { RunDetail, RunProgressEvent, RunRecord } from '../../contract/runs'
import { useApi } from '../api/inject'
import { isActiveStatus } from '../runs/run-actions'
import { useRunsStore } from '../stores/runs'
import { RunCurves } from './curves'
import { throttle } from './throttle'

/** Per-batch points read for a finished run (bucket means beyond this). */
export const FINISHED_STEP_POINTS = 2000
/** How often a live run's stored batches are read. */
export const SYNC_MS = 1000
/** Redraws at most this often. */
export const REDRAW_MS = 100

export type LoadState = 'idle' | 'loading' | 'ready' | 'missing' | 'failed'

export interface LiveRun {
  detail: ShallowRef<RunDetail | null>
  /** The run's record as the store keeps it fresh (status, epochs done, test metrics, …). */
  record: ComputedRef<RunRecord | null>
  progress: ComputedRef<RunProgressEvent | null>
  curves: RunCurves
  /** Bumped (at most every REDRAW_MS) whenever the curves change. */
  revision: Ref<number>
  state: Ref<LoadState>
  error: Ref<string>
}

export function useLiveRun(runId: Ref<number | null>): LiveRun {
  const api = useApi()
  const runs = useRunsStore()
  const curves = markRaw(new RunCurves())
  const detail = shallowRef<RunDetail | null>(null)
  const state = ref<LoadState>('idle')
  const error = ref('')
  const revision = ref(0)
  const redraw = throttle(() => revision.value++, REDRAW_MS)
  let token = 0
  let syncTimer: ReturnType<typeof setInterval> | null = null

  const record = computed(() => (runId.value === null ? null : (runs.records[runId.value] ?? null)))
  const progress = computed(() =>
    runId.value === null ? null : (runs.progress[runId.value] ?? null)
  )

  function stopSync(): void {
    if (syncTimer !== null) clearInterval(syncTimer)
    syncTimer = null
  }

  /** Reads what was stored since the last read; epochs too when `all` (they are few). */
  async function sync(id: number, current: number, all: boolean): Promise<void> {
    const steps = await api.call('runs.metrics', {
      id,
      granularity: 'step',
      afterStep: curves.syncedStep
    })
    if (current !== token) return
    curves.addStepSeries(steps.series)
    if (all) {
      const epochs = await api.call('runs.metrics', { id, granularity: 'epoch' })
      if (current !== token) return
      curves.addEpochSeries(epochs.series)
    }
    redraw()
  }

  const isLive = (run: RunRecord): boolean => isActiveStatus(run.status)

  /** While the run lives, read its new batches; once it has ended, read the rest and stop. */
  function poll(id: number, current: number): void {
    const run = runs.records[id]
    const ended = run !== undefined && !isLive(run)
    if (ended) stopSync()
    void sync(id, current, ended).catch(() => {})
  }

  async function load(id: number): Promise<void> {
    const current = ++token
    stopSync()
    curves.clear()
    redraw()
    state.value = 'loading'
    error.value = ''
    try {
      const run = await runs.fetch(id)
      if (current !== token) return
      detail.value = run
      const [epochs, steps] = await Promise.all([
        api.call('runs.metrics', { id, granularity: 'epoch' }),
        api.call('runs.metrics', {
          id,
          granularity: 'step',
          ...(isLive(run) ? {} : { maxPoints: FINISHED_STEP_POINTS })
        })
      ])
      if (current !== token) return
      curves.addEpochSeries(epochs.series)
      curves.addStepSeries(steps.series)
      state.value = 'ready'
      redraw()
      // The store follows status events: it knows whether the run ended while this was loading.
      if (isLive(runs.records[id] ?? run)) syncTimer = setInterval(() => poll(id, current), SYNC_MS)
      else if (isLive(run)) await sync(id, current, true)
    } catch (err) {
      if (current !== token) return
      const { code, message } = toApiError(err)
      state.value = code === 'NOT_FOUND' ? 'missing' : 'failed'
      error.value = message
    }
  }

  const off = [
    api.on('run.progress', (event) => {
      if (event.id !== runId.value) return
      curves.addProgress(event)
      redraw()
    }),
    api.on('run.epoch', (event) => {
      if (event.id !== runId.value) return
      curves.addEpoch(event)
      redraw()
    }),
    api.on('run.status', (event) => {
      const id = runId.value
      if (event.id !== id) return
      if (isActiveStatus(event.status)) {
        // Resumed: the service drops what followed the last checkpoint, so read it all again.
        if (syncTimer === null && event.status === 'queued') void load(id)
        return
      }
      stopSync()
      if (state.value === 'ready') void sync(id, token, true).catch(() => {})
    })
  ]

  watch(
    runId,
    (id) => {
      if (id !== null) return void load(id)
      token++
      stopSync()
      detail.value = null
      curves.clear()
      state.value = 'idle'
      redraw()
    },
    { immediate: true }
  )

  onScopeDispose(() => {
    token++
    stopSync()
    redraw.cancel()
    off.forEach((unsubscribe) => unsubscribe())
  })

  return { detail, record, progress, curves, revision, state, error }
}
