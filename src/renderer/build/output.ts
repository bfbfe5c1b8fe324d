/**
 * The data set's side of the builder: the shape the engine checks a model against, the output
 * layer and loss its task calls for (the lecture's table), and the one-click fix that applies them.
 */
import type { DatasetInfo } from '../../contract/datasets'
import { suggestedOutput, type DataShape } from '../../engine/spec'
import type { LossName } from '../../engine/losses'
import type { ActivationName } from '../../engine/ops'
import { defaultInitializer, nextLayerId, type DraftLayer } from './draft'

export function dataShape(info: DatasetInfo): DataShape {
  return {
    name: info.name,
    featureShape: info.featureShape,
    task: info.task,
    // A binary set has one sigmoid output; regression sets here have one target.
    targetDim: info.task === 'multiclass' ? info.numClasses : 1
  }
}

export interface OutputSuggestion {
  units: number
  activation: ActivationName
  loss: LossName
}

export function outputFor(info: DatasetInfo): OutputSuggestion {
  const { units, activation, loss } = suggestedOutput(info.task, info.numClasses)
  return { units, activation, loss: loss as LossName }
}

/** "Dense(10, softmax) + categorical_crossentropy" */
export function describeOutput(s: OutputSuggestion): string {
  return `Dense(${s.units}, ${s.activation}) + ${s.loss}`
}

/** Whether the last layer and the loss already are what the task suggests. */
export function followsSuggestion(
  layers: readonly DraftLayer[],
  loss: LossName,
  s: OutputSuggestion
): boolean {
  const last = layers.at(-1)
  return (
    last?.kind === 'dense' &&
    last.units.trim() === String(s.units) &&
    last.activation === s.activation &&
    loss === s.loss
  )
}

/** The suggested output: the last Dense layer reshaped, or a new one after a Dropout. */
export function applySuggestion(
  layers: readonly DraftLayer[],
  s: OutputSuggestion
): { layers: DraftLayer[]; loss: LossName } {
  const last = layers.at(-1)
  const units = String(s.units)
  if (last?.kind === 'dense') {
    return {
      layers: [...layers.slice(0, -1), { ...last, units, activation: s.activation }],
      loss: s.loss
    }
  }
  const output: DraftLayer = {
    id: nextLayerId(layers),
    kind: 'dense',
    units,
    activation: s.activation,
    initializer: defaultInitializer
  }
  return { layers: [...layers, output], loss: s.loss }
}
