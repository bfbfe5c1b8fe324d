/**
 * The query a "Try this on MNIST" link opens Build with (learn/demos/mnist-link.ts): dataset,
 * optimizer, lr, momentum, nesterov, batchSize, epochs and layers in the CLI's mini-language.
 * The output layer's activation brings its loss along. Values land in the form as given, so a
 * bad one shows as that field's inline error; what cannot land anywhere (unreadable layers, an
 * unknown optimizer) comes back as sentences.
 */
import type { LocationQuery } from 'vue-router'
import type { LossName } from '../../engine/losses'
import type { ActivationName } from '../../engine/ops'
import { optimizerNames } from '../../engine/optimizers'
import { parseLayersText } from '../../engine/spec'
import { draftLayers, type Draft } from './draft'
import { defaultHyperparameters } from './optimizer-fields'

/** The query keys a link may set. */
export const linkKeys = [
  'dataset',
  'optimizer',
  'lr',
  'momentum',
  'nesterov',
  'batchSize',
  'epochs',
  'layers'
] as const

/** The loss that goes with a link's output activation (the lecture's pairings). */
const lossFor: Partial<Record<ActivationName, LossName>> = {
  softmax: 'categorical_crossentropy',
  sigmoid: 'binary_crossentropy',
  linear: 'mean_squared_error'
}

const first = (value: LocationQuery[string] | undefined): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : undefined
}

export function hasLinkQuery(query: LocationQuery): boolean {
  return linkKeys.some((key) => first(query[key]) !== undefined)
}

export function applyLinkQuery(
  draft: Draft,
  query: LocationQuery
): { draft: Draft; errors: string[] } {
  const next: Draft = { ...draft, hyperparameters: { ...draft.hyperparameters } }
  const errors: string[] = []
  const get = (key: (typeof linkKeys)[number]): string | undefined => first(query[key])

  const dataset = get('dataset')
  if (dataset !== undefined) next.dataset = dataset
  const optimizer = get('optimizer')?.toLowerCase()
  if (optimizer !== undefined) {
    if (optimizerNames.includes(optimizer)) {
      next.optimizer = optimizer
      next.hyperparameters = defaultHyperparameters(optimizer)
    } else {
      errors.push(
        `the link asks for an unknown optimizer "${optimizer}"; use one of ${optimizerNames.join(', ')}`
      )
    }
  }
  const setHyperparameter = (key: string, value: string | boolean, from: string): void => {
    if (key in next.hyperparameters) next.hyperparameters[key] = value
    else errors.push(`the link sets ${from}, which ${next.optimizer} does not have`)
  }
  const lr = get('lr')
  if (lr !== undefined) setHyperparameter('learning_rate', lr, 'lr')
  const momentum = get('momentum')
  if (momentum !== undefined) setHyperparameter('momentum', momentum, 'momentum')
  const nesterov = get('nesterov')
  if (nesterov !== undefined) setHyperparameter('nesterov', nesterov === 'true', 'nesterov')

  const batchSize = get('batchSize')
  if (batchSize !== undefined) next.batchSize = batchSize
  const epochs = get('epochs')
  if (epochs !== undefined) next.epochs = epochs
  const layers = get('layers')
  if (layers !== undefined) {
    try {
      const parsed = parseLayersText(layers)
      next.layers = draftLayers(parsed)
      const output = parsed.at(-1)
      const loss = output?.kind === 'dense' ? lossFor[output.activation] : undefined
      if (loss) next.loss = loss
    } catch (err) {
      errors.push(`the link's layers cannot be read: ${(err as Error).message}`)
    }
  }
  return { draft: next, errors }
}
