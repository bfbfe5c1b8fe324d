import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { defineComponent, h, type Component } from 'vue'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import type { DescentBridge } from '../../../src/contract/bridge'
import type { CallInput, CallName, CallOutput } from '../../../src/contract/calls'
import type { DatasetInfo } from '../../../src/contract/datasets'
import type { EventName, EventPayload } from '../../../src/contract/events'
import type { ModelDetail, ModelSummary } from '../../../src/contract/models'
import type { RunRecord } from '../../../src/contract/runs'
import { apiKey } from '../../../src/renderer/api/inject'

/**
 * Mounting one library view (Runs, Models, Data) on a fake bridge: the calls it makes are
 * recorded and answered by the test, and the test pushes events as the host would.
 */

type Answer<N extends CallName> = (input: CallInput<N>) => CallOutput<N> | Promise<CallOutput<N>>
export type Answers = { [N in CallName]?: Answer<N> }

export interface FakeApi extends DescentBridge {
  calls: { name: CallName; input: unknown }[]
  /** The inputs of every call of one name, in order. */
  inputs<N extends CallName>(name: N): CallInput<N>[]
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

/** Answers what `answers` knows; anything else is refused like an unknown call. */
export function fakeApi(answers: Answers): FakeApi {
  const calls: FakeApi['calls'] = []
  const handlers = new Map<string, Set<(payload: unknown) => void>>()
  return {
    calls,
    inputs: <N extends CallName>(name: N) =>
      calls.filter((c) => c.name === name).map((c) => c.input as CallInput<N>),
    call: (async (name: CallName, input: unknown) => {
      calls.push({ name, input })
      const answer = answers[name] as ((input: unknown) => unknown) | undefined
      if (!answer) throw { code: 'UNKNOWN_CALL', message: name }
      return answer(input)
    }) as DescentBridge['call'],
    on: ((event: string, handler: (payload: unknown) => void) => {
      const set = handlers.get(event) ?? new Set()
      handlers.set(event, set)
      set.add(handler)
      return () => set.delete(handler)
    }) as DescentBridge['on'],
    emit: (event, payload) => handlers.get(event)?.forEach((handler) => handler(payload))
  }
}

/** An API error as the doors deliver it (a rejected call). */
export const apiError = (code: string, message: string, details?: unknown) => {
  throw details === undefined ? { code, message } : { code, message, details }
}

const stub = (name: string) =>
  defineComponent(() => () => h('div', { 'data-testid': `stub-${name}` }))

export interface MountedView {
  wrapper: VueWrapper
  router: Router
  /** The element with this data-testid (throws when there is none). */
  get(testId: string): HTMLElement
  find(testId: string): HTMLElement | null
  text(testId: string): string
}

/** Mounts the view at `path` (e.g. '/models?model=3') with the other views as stand-ins. */
export async function mountView(
  view: Component,
  name: string,
  path: string,
  api: FakeApi
): Promise<MountedView> {
  const others = ['build', 'train', 'compare', 'runs', 'models', 'data'].filter((n) => n !== name)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: `/${name}`, name, component: view, meta: { title: name } },
      ...others.map((n) => ({ path: `/${n}`, name: n, component: stub(n) }))
    ]
  })
  await router.push(path)
  await router.isReady()
  const App = defineComponent(() => () => h('main', [h(RouterView)]))
  const wrapper = mount(App, {
    attachTo: document.body,
    global: { plugins: [createPinia(), router], provide: { [apiKey as symbol]: api } }
  })
  await flushPromises()
  const find = (testId: string) =>
    document.body.querySelector<HTMLElement>(`[data-testid="${testId}"]`)
  const get = (testId: string) => {
    const element = find(testId)
    if (!element) throw new Error(`no element with data-testid="${testId}"`)
    return element
  }
  return { wrapper, router, find, get, text: (testId) => get(testId).textContent?.trim() ?? '' }
}

/** Sets a file input's chosen file and tells the page, as a user picking a file does. */
export async function chooseFile(input: HTMLElement, file: File): Promise<void> {
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}

export function runRecord(over: Partial<RunRecord> & { id: number }): RunRecord {
  return {
    experimentId: null,
    name: `run ${over.id}`,
    dataset: 'mnist',
    optimizer: 'adam',
    seed: 1,
    status: 'completed',
    role: null,
    initialModelId: null,
    createdAt: new Date(2025, 10, 29, 9, 30).getTime(),
    startedAt: null,
    finishedAt: null,
    trainSeconds: 12.5,
    epochs: 5,
    epochsDone: 5,
    stepsDone: 100,
    finalMetrics: null,
    bestMetrics: null,
    testMetrics: null,
    stopReason: null,
    error: null,
    ownerPid: null,
    heartbeatAt: null,
    stopRequested: false,
    pauseRequested: false,
    ...over
  }
}

export function datasetInfo(over: Partial<DatasetInfo> & { name: string }): DatasetInfo {
  return {
    source: 'builtin',
    description: `the ${over.name} set`,
    format: null,
    task: 'multiclass',
    count: 4,
    testCount: null,
    featureShape: [2],
    imageShape: null,
    numClasses: 2,
    classNames: null,
    classCounts: [3, 1],
    createdAt: null,
    samples: [],
    ...over
  }
}

export function modelSummary(over: Partial<ModelSummary> & { id: number }): ModelSummary {
  return {
    name: `model ${over.id}`,
    dataset: 'mnist',
    task: 'multiclass',
    inputShape: [784],
    layers: '784 → 32 relu → 10 softmax',
    params: 25_450,
    optimizer: 'adam',
    epochs: 1,
    metrics: { loss: 0.5, accuracy: 0.875 },
    hasOptimizerState: true,
    sourceRunId: 4,
    sourceEpoch: 1,
    createdAt: new Date(2025, 10, 29, 10, 0).getTime(),
    ...over
  }
}

export function modelDetail(summary: ModelSummary, over: Partial<ModelDetail> = {}): ModelDetail {
  return {
    ...summary,
    architecture: {
      class_name: 'Sequential',
      config: {
        name: 'sequential',
        layers: [
          { class_name: 'InputLayer', config: { batch_shape: [null, ...summary.inputShape] } },
          { class_name: 'Dense', config: { units: 32, activation: 'relu' } },
          { class_name: 'Dense', config: { units: 10, activation: 'softmax' } }
        ]
      }
    },
    compile: null,
    datasetInfo: null,
    training: null,
    history: { epoch: [0], history: { loss: [0.5], accuracy: [0.875] } },
    ...over
  }
}
