import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { LocationQuery } from 'vue-router'
import type { DatasetInfo } from '../../contract/datasets'
import { useApi } from '../api/inject'
import { checkDraft } from '../build/check-draft'
import { defaultDraft, type Draft } from '../build/draft'
import { applyLinkQuery } from '../build/link-query'
import { applySuggestion, outputFor } from '../build/output'

/**
 * The network being built: the Build view's form, the data sets it can use and, once the form
 * is valid, the RunSpec it describes — kept here so the form survives leaving the view and the
 * Compare view can start a comparison from it (/compare?from=build reads `spec`).
 */
export const useDraftSpecStore = defineStore('draftSpec', () => {
  const api = useApi()
  const draft = ref<Draft>(defaultDraft())
  const datasets = shallowRef<DatasetInfo[]>([])
  const datasetsStatus = ref<'idle' | 'loading' | 'loaded' | 'failed'>('idle')

  const dataset = computed(() => datasets.value.find((d) => d.name === draft.value.dataset))
  const check = computed(() => checkDraft(draft.value, dataset.value))
  /** The valid spec, or null while the form has errors. */
  const spec = computed(() => check.value.spec)
  const suggestion = computed(() => (dataset.value ? outputFor(dataset.value) : null))

  async function loadDatasets(): Promise<void> {
    datasetsStatus.value = 'loading'
    try {
      datasets.value = await api.call('datasets.list', {})
      datasetsStatus.value = 'loaded'
    } catch {
      // Shown as a notification by the api wrapper; the form says no data set is chosen.
      datasetsStatus.value = 'failed'
    }
  }
  // An import or deletion anywhere changes the choice.
  api.on('datasets.changed', () => void loadDatasets())

  /** Applies a "Try this on MNIST" link; returns what it could not apply. */
  function applyLink(query: LocationQuery): string[] {
    const { draft: next, errors } = applyLinkQuery(draft.value, query)
    draft.value = next
    return errors
  }

  /** The one-click fix: the output layer and loss the data set's task calls for. */
  function fixOutput(): void {
    if (!suggestion.value) return
    Object.assign(draft.value, applySuggestion(draft.value.layers, suggestion.value))
  }

  function reset(): void {
    draft.value = defaultDraft()
  }

  return {
    draft,
    datasets,
    datasetsStatus,
    dataset,
    check,
    spec,
    suggestion,
    loadDatasets,
    applyLink,
    fixOutput,
    reset
  }
})
