/** Run records and details as the services return them, for the Train view's tests. */
import type { RunDetail, RunRecord, RunSpec } from '../../../src/contract/runs'

export function runRecord(changes: Partial<RunRecord>): RunRecord {
  return {
    id: 1,
    experimentId: null,
    name: 'mnist · sgd',
    dataset: 'mnist',
    optimizer: 'sgd',
    seed: 1,
    status: 'completed',
    role: null,
    initialModelId: null,
    createdAt: 0,
    startedAt: 0,
    finishedAt: null,
    trainSeconds: 0,
    epochs: 1,
    epochsDone: 0,
    stepsDone: 0,
    finalMetrics: null,
    bestMetrics: null,
    testMetrics: null,
    stopReason: null,
    error: null,
    ownerPid: null,
    heartbeatAt: null,
    stopRequested: false,
    pauseRequested: false,
    ...changes
  }
}

export const spec784: RunSpec = {
  data: { dataset: 'mnist', limit: 300 },
  layers: [
    { kind: 'dense', units: 32, activation: 'relu' },
    { kind: 'dense', units: 10, activation: 'softmax' }
  ],
  loss: 'categorical_crossentropy',
  metrics: ['accuracy'],
  optimizer: { name: 'sgd', config: {} },
  epochs: 2,
  batchSize: 30,
  seed: 1
}

export function runDetail(changes: Partial<RunRecord>, spec: RunSpec = spec784): RunDetail {
  return { ...runRecord(changes), spec }
}
