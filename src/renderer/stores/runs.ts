import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { CallInput } from '../../contract/calls'
import type { RunDetail, RunProgressEvent, RunRecord } from '../../contract/runs'
import { useApi } from '../api/inject'
import { isActiveStatus } from '../runs/run-actions'

/**
 * Runs as the services report them, kept fresh by the run.* events: records by id (from any
 * list, get or control call), each live run's latest progress, and the controls. Only small
 * records live here; a run's curves stay with the view that draws them.
 */
export const useRunsStore = defineStore('runs', () => {
  const api = useApi()
  const records = ref<Record<number, RunRecord>>({})
  /** The latest run.progress of each run that is training (≈10 a second: replaced, not deep). */
  const progress = shallowRef<Record<number, RunProgressEvent>>({})

  function keep(record: RunRecord): RunRecord {
    records.value[record.id] = record
    return record
  }

  async function list(input: CallInput<'runs.list'> = {}): Promise<RunRecord[]> {
    const runs = await api.call('runs.list', input)
    runs.forEach(keep)
    return runs
  }

  async function fetch(id: number): Promise<RunDetail> {
    const detail = await api.call('runs.get', { id })
    keep(detail)
    return detail
  }

  /** The most recently created run, or null when there is none. */
  async function latest(): Promise<RunRecord | null> {
    return (await list({ limit: 1 }))[0] ?? null
  }

  const stop = async (id: number): Promise<RunRecord> => keep(await api.call('runs.stop', { id }))
  const pause = async (id: number): Promise<RunRecord> => keep(await api.call('runs.pause', { id }))
  const resume = async (id: number): Promise<RunRecord> =>
    keep(await api.call('runs.resume', { id }))

  function forgetProgress(id: number): void {
    if (!(id in progress.value)) return
    const rest = { ...progress.value }
    delete rest[id]
    progress.value = rest
  }

  api.on('run.progress', (event) => {
    progress.value = { ...progress.value, [event.id]: event }
  })
  api.on('run.epoch', (event) => {
    const record = records.value[event.id]
    if (!record) return
    record.epochsDone = event.epoch + 1
    record.stepsDone = event.step
  })
  api.on('run.status', (event) => {
    const record = records.value[event.id]
    if (record) {
      record.status = event.status
      if (event.stopReason !== undefined) record.stopReason = event.stopReason
      if (event.error !== undefined) record.error = event.error
    }
    if (!isActiveStatus(event.status)) forgetProgress(event.id)
    // The record's own fields (metrics, flags, times) change with its status: read them again.
    if (record) void fetch(event.id).catch(() => {})
  })

  return { records, progress, list, fetch, latest, stop, pause, resume }
})
