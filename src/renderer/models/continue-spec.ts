/**
 * The run that continues training a library model: the spec of the run it came from, or, for a
 * model without one (an imported file), a spec rebuilt from its architecture and compile config.
 * The runs service then starts from the model's weights (and optimizer state) via initialModelId.
 */
import type { RunSpec } from '../../contract/runs'
import type { ModelDetail } from '../../contract/models'
import { DEFAULT_SEED } from '../../engine/model/sequential'
import type { LayerSpec } from '../../engine/layers/layer'
import type { ActivationName } from '../../engine/ops'

/** Keras's fit() batch size, for models whose files do not say how they were trained. */
export const DEFAULT_BATCH_SIZE = 32

export type ContinuePlan = { spec: RunSpec } | { reason: string }

type Detail = Pick<ModelDetail, 'training' | 'architecture' | 'compile' | 'dataset'>

export function continueSpec(model: Detail, epochs: number): ContinuePlan {
  if (model.training) return { spec: { ...model.training, epochs } }
  if (model.dataset === '') return { reason: 'the model does not say which data set it learned' }
  if (!model.compile) return { reason: 'the model file has no loss or optimizer to continue with' }
  const layers: RunSpec['layers'] = []
  for (const layer of model.architecture.config.layers) {
    const built = builderLayer(layer)
    if (typeof built === 'string') return { reason: built }
    if (built) layers.push(built)
  }
  const { name, ...config } = model.compile.optimizer
  return {
    spec: {
      data: { dataset: model.dataset },
      layers,
      loss: model.compile.loss,
      metrics: model.compile.metrics,
      optimizer: { name, config },
      epochs,
      batchSize: DEFAULT_BATCH_SIZE,
      seed: DEFAULT_SEED
    }
  }
}

/** A Keras layer as the builder's layer; null for the InputLayer; a reason for anything else. */
function builderLayer({
  class_name,
  config
}: LayerSpec): RunSpec['layers'][number] | null | string {
  if (class_name === 'InputLayer') return null
  if (class_name === 'Dense') {
    return {
      kind: 'dense',
      units: Number(config.units),
      activation: String(config.activation ?? 'linear') as ActivationName
    }
  }
  if (class_name === 'Dropout') return { kind: 'dropout', rate: Number(config.rate) }
  return `Descent trains Dense and Dropout layers only, not ${class_name}`
}
