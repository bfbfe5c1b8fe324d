import type { ModelDetail, ModelSummary } from '../../../contract/models'
import type { History } from '../../../engine/model/history'
import type { ModelHeader } from '../../store/models-repo'

export const emptyHistory = (): History => ({ epoch: [], history: {} })

/** The last epoch's value of every logged key; null for an empty history. */
export function lastEpochValues(history: History): Record<string, number> | null {
  const entries = Object.entries(history.history).filter(([, values]) => values.length > 0)
  return entries.length
    ? Object.fromEntries(entries.map(([key, values]) => [key, values.at(-1)!]))
    : null
}

export function summaryOf(model: ModelHeader): ModelSummary {
  const { spec } = model
  return {
    id: model.id,
    name: model.name,
    dataset: model.dataset,
    task: spec.task,
    inputShape: spec.inputShape,
    layers: spec.layers,
    params: spec.params,
    optimizer: spec.compile?.optimizer.name ?? null,
    epochs: model.history.epoch.length,
    metrics: model.metrics,
    hasOptimizerState: model.hasOptimizerState,
    sourceRunId: model.sourceRunId,
    sourceEpoch: model.sourceEpoch,
    createdAt: model.createdAt
  }
}

export function detailOf(model: ModelHeader): ModelDetail {
  return {
    ...summaryOf(model),
    architecture: model.spec.architecture,
    compile: model.spec.compile,
    datasetInfo: model.spec.dataset,
    training: model.spec.training,
    history: model.history
  }
}
