/** Records as the services return them, for the renderer's tests: each with changes on top. */
import type { DatasetInfo } from '../../../src/contract/datasets'
import type { ModelDetail, ModelSummary } from '../../../src/contract/models'
import type { MetricSeries, RunDetail, RunRecord, RunSpec } from '../../../src/contract/runs'

/** The lecture's network made small: 784-32-10 on the first 300 MNIST digits. */
export function runSpec(changes: Partial<RunSpec> = {}): RunSpec {
  return {
    data: { dataset: 'mnist', limit: 300 },
    layers: [
      { kind: 'dense', units: 32, activation: 'relu' },
      { kind: 'dense', units: 10, activation: 'softmax' }
    ],
    loss: 'categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: { name: 'sgd', config: {} },
    epochs: 2,
    batchSize: 32,
    seed: 1,
    ...changes
  }
}

export function runRecord(changes: Partial<RunRecord> = {}): RunRecord {
  const id = changes.id ?? 1
  return {
    id,
    experimentId: null,
    name: `run ${id}`,
    dataset: 'mnist',
    optimizer: 'sgd',
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
    engine: 'wasm-relaxed-simd ×2 threads',
    ...changes
  }
}

export function runDetail(changes: Partial<RunRecord> = {}, spec: RunSpec = runSpec()): RunDetail {
  return { ...runRecord(changes), spec }
}

/** One value an epoch, logged every 10 steps. */
export const epochSeries = (key: string, values: number[]): MetricSeries => ({
  key,
  steps: values.map((_, i) => (i + 1) * 10),
  epochs: values.map((_, i) => i),
  values,
  wallTimes: values.map((_, i) => 1_700_000_000 + 5 * (i + 1))
})

export function datasetInfo(changes: Partial<DatasetInfo> & { name: string }): DatasetInfo {
  return {
    source: 'builtin',
    description: `the ${changes.name} set`,
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
    ...changes
  }
}

export const mnistInfo = datasetInfo({
  name: 'mnist',
  description: 'MNIST handwritten digits 0–9, 28×28 grey-scale (LeCun et al.)',
  count: 60_000,
  testCount: 10_000,
  featureShape: [784],
  imageShape: [28, 28],
  numClasses: 10,
  // The training label counts 0..9 (REFERENCE.md).
  classCounts: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
})

export const sineInfo = datasetInfo({
  name: 'sine',
  description: 'Synthetic: regression: y = sin(πx) plus noise, x in [-1, 1]',
  task: 'regression',
  count: 1000,
  testCount: 250,
  featureShape: [1],
  numClasses: 0,
  classCounts: []
})

export const moonsInfo = datasetInfo({
  name: 'moons',
  description: 'Synthetic: two interleaving half circles (scikit-learn make_moons)',
  task: 'binary',
  count: 1000,
  testCount: 250,
  featureShape: [2],
  numClasses: 2,
  classCounts: [500, 500]
})

export function modelSummary(changes: Partial<ModelSummary> & { id: number }): ModelSummary {
  return {
    name: `model ${changes.id}`,
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
    ...changes
  }
}

export function modelDetail(
  summary: ModelSummary,
  changes: Partial<ModelDetail> = {}
): ModelDetail {
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
    ...changes
  }
}
