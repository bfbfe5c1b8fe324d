/** A bridge for the Compare view's component tests: answers from a table, events fired by hand. */
import { createPinia } from 'pinia'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createMemoryHistory, type Router } from 'vue-router'
import type { DescentBridge } from '../../../src/contract/bridge'
import type { CallInput, CallName, CallOutput } from '../../../src/contract/calls'
import type { DatasetInfo } from '../../../src/contract/datasets'
import type { EventName, EventPayload } from '../../../src/contract/events'
import type { MetricSeries, RunDetail, RunSpec } from '../../../src/contract/runs'
import { apiKey } from '../../../src/renderer/api/inject'
import { createDescentRouter } from '../../../src/renderer/router'
import CompareView from '../../../src/renderer/views/CompareView.vue'

export type Answers = {
  [N in CallName]?: (input: CallInput<N>) => CallOutput<N> | Promise<CallOutput<N>>
}

export interface FakeApi extends DescentBridge {
  calls: { name: CallName; input: unknown }[]
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

export function fakeApi(answers: Answers): FakeApi {
  const handlers = new Map<string, Set<(payload: unknown) => void>>()
  const calls: FakeApi['calls'] = []
  return {
    calls,
    call: (async (name: CallName, input: unknown) => {
      calls.push({ name, input })
      const answer = answers[name] as ((input: unknown) => unknown) | undefined
      if (!answer) throw { code: 'NOT_FOUND', message: `no fake answer for ${name}` }
      return answer(input)
    }) as DescentBridge['call'],
    on: ((event: string, handler: (payload: unknown) => void) => {
      if (!handlers.has(event)) handlers.set(event, new Set())
      handlers.get(event)!.add(handler)
      return () => handlers.get(event)!.delete(handler)
    }) as DescentBridge['on'],
    emit(event, payload) {
      for (const handler of handlers.get(event) ?? []) handler(payload)
    }
  }
}

export const mnist = {
  name: 'mnist',
  source: 'builtin',
  description: 'MNIST',
  format: null,
  task: 'multiclass',
  count: 60000,
  testCount: 10000,
  featureShape: [784],
  imageShape: [28, 28],
  numClasses: 10,
  classNames: null,
  classCounts: [],
  createdAt: null,
  samples: []
} satisfies DatasetInfo

export const baseSpec: RunSpec = {
  data: { dataset: 'mnist', limit: 300 },
  layers: [
    { kind: 'dense', units: 16, activation: 'relu' },
    { kind: 'dense', units: 10, activation: 'softmax' }
  ],
  loss: 'categorical_crossentropy',
  metrics: ['accuracy'],
  optimizer: { name: 'sgd', config: {} },
  epochs: 2,
  batchSize: 32,
  seed: 1
}

export function runDetail(id: number, optimizer: string, seed = 1): RunDetail {
  return {
    id,
    experimentId: null,
    name: `mnist · ${optimizer}`,
    dataset: 'mnist',
    optimizer,
    seed,
    status: 'completed',
    role: null,
    initialModelId: null,
    createdAt: 1_700_000_000_000,
    startedAt: 1_700_000_000_000,
    finishedAt: 1_700_000_010_000,
    trainSeconds: 10,
    epochs: 2,
    epochsDone: 2,
    stepsDone: 20,
    finalMetrics: null,
    bestMetrics: null,
    testMetrics: { loss: 0.5, accuracy: 0.8 },
    stopReason: null,
    error: null,
    ownerPid: null,
    heartbeatAt: null,
    stopRequested: false,
    pauseRequested: false,
    spec: { ...baseSpec, optimizer: { name: optimizer, config: {} }, seed }
  }
}

export const epochSeries = (key: string, values: number[]): MetricSeries => ({
  key,
  steps: values.map((_, i) => (i + 1) * 10),
  epochs: values.map((_, i) => i),
  values,
  wallTimes: values.map((_, i) => 1_700_000_000 + 5 * (i + 1))
})

export async function mountCompare(
  api: FakeApi,
  path: string
): Promise<{ wrapper: VueWrapper; router: Router }> {
  const router = createDescentRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(CompareView, {
    attachTo: document.body,
    global: { plugins: [createPinia(), router], provide: { [apiKey as symbol]: api } }
  })
  return { wrapper, router }
}
