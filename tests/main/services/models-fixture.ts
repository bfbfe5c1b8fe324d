import type { RunSpec } from '../../../src/contract/runs'
import type { History } from '../../../src/engine/model/history'
import type { Sequential } from '../../../src/engine/model/sequential'
import { buildModel } from '../../../src/engine/spec'
import type { AppContext } from '../../../src/main/context'
import { loadTrainingData, type TrainingData } from '../../../src/main/datasets/training-data'
import { saveCheckpoint, type CheckpointKind } from '../../../src/main/store/checkpoints-table'

/** Three spiral arms in the plane, a 2 → 16 relu → 3 softmax net trained briefly with Adam. */
export const spiralSpec: RunSpec = {
  data: { dataset: 'spiral', samples: 300, seed: 3 },
  layers: [
    { kind: 'dense', units: 16, activation: 'relu' },
    { kind: 'dense', units: 3, activation: 'softmax' }
  ],
  loss: 'categorical_crossentropy',
  metrics: ['accuracy'],
  optimizer: { name: 'adam', config: { learning_rate: 0.02 } },
  epochs: 3,
  batchSize: 32,
  seed: 7
}

export interface TrainedRun {
  runId: number
  spec: RunSpec
  data: TrainingData
  /** The model as training left it (the 'final' checkpoint). */
  model: Sequential
  history: History
  /** Weights and history after epoch 1 (the 'best' checkpoint). */
  best: { weights: Float32Array[]; history: History }
}

function checkpoint(
  ctx: AppContext,
  runId: number,
  kind: CheckpointKind,
  model: Sequential,
  history: History
): void {
  saveCheckpoint(ctx.db, runId, kind, {
    epoch: history.epoch.length,
    step: model.optimizer.iterations,
    weights: model.getWeights(),
    optimizerState: model.optimizer.getState(),
    rng: model.getRngState(),
    history,
    trainSeconds: 0
  })
}

/**
 * Trains a run the way the runner records one — a completed run row, its 'best' checkpoint after
 * epoch 1 and its 'final' one — without the runner, so the model library can be tested alone.
 */
export async function trainedRun(ctx: AppContext, spec: RunSpec = spiralSpec): Promise<TrainedRun> {
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO runs (name, dataset, optimizer, spec, seed, status, created_at, epochs_done)
       VALUES (?, ?, ?, ?, ?, 'completed', ?, ?)`
    )
    .run(
      'spiral run',
      spec.data.dataset,
      spec.optimizer.name,
      JSON.stringify(spec),
      spec.seed,
      Date.now(),
      spec.epochs
    )
  const runId = Number(lastInsertRowid)
  const data = loadTrainingData(spec.data)
  const model = buildModel(spec, data.train)
  const fit = { batchSize: spec.batchSize }
  const first = await model.fit(data.train, { ...fit, epochs: 1, seed: spec.seed })
  checkpoint(ctx, runId, 'best', model, first)
  const best = { weights: model.getWeights(), history: structuredClone(first) }
  const rest = await model.fit(data.train, { ...fit, epochs: spec.epochs, initialEpoch: 1 })
  const history: History = {
    epoch: [...first.epoch, ...rest.epoch],
    history: Object.fromEntries(
      Object.entries(first.history).map(([k, v]) => [k, [...v, ...rest.history[k]]])
    )
  }
  checkpoint(ctx, runId, 'final', model, history)
  return { runId, spec, data, model, history, best }
}
