import { onBeforeUnmount, onMounted, reactive, ref, shallowRef, watch } from 'vue'
import type { DescentBridge } from '../../contract/bridge'
import { toApiError } from '../../contract/errors'
import type { RunRecord, RunStatus } from '../../contract/runs'
import { coalesce } from './coalesce'

/** The Runs view's filters; '' means any. */
export interface RunFilters {
  search: string
  status: RunStatus | ''
  dataset: string
  optimizer: string
}

/** Refreshes start at least this far apart (ms), however many events arrive. */
const REFRESH_GAP = 400

/**
 * The runs matching the filters, kept current: fetched again (coalesced) when a filter changes
 * and when any run changes status or finishes an epoch, from whichever door started it.
 */
export function useRunList(api: DescentBridge) {
  const filters = reactive<RunFilters>({ search: '', status: '', dataset: '', optimizer: '' })
  const runs = shallowRef<RunRecord[]>([])
  const loaded = ref(false)
  const loadError = ref<string | null>(null)

  const refresh = coalesce(async () => {
    const search = filters.search.trim()
    try {
      runs.value = await api.call('runs.list', {
        ...(search ? { search } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.dataset ? { dataset: filters.dataset } : {}),
        ...(filters.optimizer ? { optimizer: filters.optimizer } : {})
      })
      loadError.value = null
    } catch (err) {
      loadError.value = toApiError(err).message
    }
    loaded.value = true
  }, REFRESH_GAP)

  const unsubscribe: (() => void)[] = []
  onMounted(() => {
    unsubscribe.push(api.on('run.status', () => refresh.request()))
    unsubscribe.push(api.on('run.epoch', () => refresh.request()))
    refresh.request()
  })
  onBeforeUnmount(() => {
    unsubscribe.forEach((off) => off())
    refresh.cancel()
  })
  watch(filters, () => refresh.request())

  return { filters, runs, loaded, loadError, refresh: () => refresh.request() }
}
