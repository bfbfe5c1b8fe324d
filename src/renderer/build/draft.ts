/**
 * The builder's form as the user edits it: every number kept as the text typed (so a half-typed
 * or bad value stays on screen with its error), turned into a RunSpec by check-draft.ts.
 */
import type { TrainingLayerSpec } from '../../engine'
import type { InitializerName } from '../../engine/initializers'
import type { LossName } from '../../engine/losses'
import type { ActivationName } from '../../engine/ops'
import { defaultHyperparameters } from './optimizer-fields'

export type DraftLayer =
  | {
      id: number
      kind: 'dense'
      units: string
      activation: ActivationName
      initializer: InitializerName
    }
  | { id: number; kind: 'dropout'; rate: string }

export type LayerKind = DraftLayer['kind']

export interface Draft {
  dataset: string
  /** Train on the first n samples only; '' for all of them. */
  limit: string
  layers: DraftLayer[]
  loss: LossName
  /** A Keras optimizer name, lower case. */
  optimizer: string
  /** The optimizer's hyperparameters by Keras key: text for numbers ('' = off), booleans for flags. */
  hyperparameters: Record<string, string | boolean>
  batchSize: string
  epochs: string
  /** '' for no validation split. */
  validationSplit: string
  seed: string
  /** The run's name; '' lets the service name it. */
  name: string
}

/** Keras's own Dense default. */
export const defaultInitializer: InitializerName = 'glorot_uniform'

/** A list's next free layer id (ids only key the rows while they are edited and moved). */
export function nextLayerId(layers: readonly DraftLayer[]): number {
  return layers.reduce((max, layer) => Math.max(max, layer.id), 0) + 1
}

export function denseLayer(id: number, units: number, activation: ActivationName): DraftLayer {
  return { id, kind: 'dense', units: String(units), activation, initializer: defaultInitializer }
}

/** Layers read from text (the mini-language) as form rows, numbered from 1. */
export function draftLayers(layers: readonly TrainingLayerSpec[]): DraftLayer[] {
  return layers.map((layer, i) =>
    layer.kind === 'dropout'
      ? { id: i + 1, kind: 'dropout', rate: String(layer.rate) }
      : denseLayer(i + 1, layer.units, layer.activation)
  )
}

/** The lecture's network: MNIST through Dense 512 relu, 128 relu and 10 softmax, RMSprop, 5 × 128. */
export function defaultDraft(): Draft {
  return {
    dataset: 'mnist',
    limit: '',
    layers: [denseLayer(1, 512, 'relu'), denseLayer(2, 128, 'relu'), denseLayer(3, 10, 'softmax')],
    loss: 'categorical_crossentropy',
    optimizer: 'rmsprop',
    hyperparameters: defaultHyperparameters('rmsprop'),
    batchSize: '128',
    epochs: '5',
    validationSplit: '',
    seed: '1',
    name: ''
  }
}

/** A new layer of the kind asked for, inserted before the output layer (or appended to none). */
export function addLayer(layers: readonly DraftLayer[], kind: LayerKind): DraftLayer[] {
  const id = nextLayerId(layers)
  const layer: DraftLayer =
    kind === 'dense' ? denseLayer(id, 64, 'relu') : { id, kind: 'dropout', rate: '0.2' }
  const at = Math.max(0, layers.length - 1)
  return [...layers.slice(0, at), layer, ...layers.slice(at)]
}

export function removeLayer(layers: readonly DraftLayer[], index: number): DraftLayer[] {
  return layers.filter((_, i) => i !== index)
}

/** Swaps layer `index` with its neighbour `by` places away (−1 up, +1 down), when there is one. */
export function moveLayer(layers: readonly DraftLayer[], index: number, by: -1 | 1): DraftLayer[] {
  const to = index + by
  if (index < 0 || index >= layers.length || to < 0 || to >= layers.length) return [...layers]
  const moved = [...layers]
  ;[moved[index], moved[to]] = [moved[to], moved[index]]
  return moved
}
