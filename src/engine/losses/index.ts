import type { Tensor } from '../tensor'
import {
  categoricalCrossentropy,
  softmaxCrossEntropy,
  sparseCategoricalCrossentropy,
  sparseSoftmaxCrossEntropy
} from './categorical'
import { binaryCrossentropy, huber, meanAbsoluteError, meanSquaredError } from './elementwise'

export {
  binaryCrossentropy,
  categoricalCrossentropy,
  huber,
  meanAbsoluteError,
  meanSquaredError,
  softmaxCrossEntropy,
  sparseCategoricalCrossentropy,
  sparseSoftmaxCrossEntropy
}

export type LossName =
  | 'categorical_crossentropy'
  | 'sparse_categorical_crossentropy'
  | 'binary_crossentropy'
  | 'mean_squared_error'
  | 'mean_absolute_error'
  | 'huber'

const LOSS_NAMES: readonly LossName[] = [
  'categorical_crossentropy',
  'sparse_categorical_crossentropy',
  'binary_crossentropy',
  'mean_squared_error',
  'mean_absolute_error',
  'huber'
]

const ALIASES: Readonly<Record<string, LossName>> = {
  mse: 'mean_squared_error',
  mae: 'mean_absolute_error'
}

/** The canonical name of a loss as Keras spells it (case-insensitive, aliases mse and mae). */
export function resolveLoss(name: string): LossName {
  const key = name.trim().toLowerCase()
  const found = ALIASES[key] ?? LOSS_NAMES.find((n) => n === key)
  if (found === undefined) {
    throw new Error(`Unknown loss "${name}"; expected one of ${LOSS_NAMES.join(', ')}, mse, mae`)
  }
  return found
}

/** The scalar loss (mean over the batch). fromLogits matters only for the cross-entropies. */
export function computeLoss(
  name: LossName,
  yPred: Tensor,
  yTrue: Tensor,
  fromLogits = false
): Tensor {
  switch (name) {
    case 'categorical_crossentropy':
      return categoricalCrossentropy(yPred, yTrue, fromLogits)
    case 'sparse_categorical_crossentropy':
      return sparseCategoricalCrossentropy(yPred, yTrue, fromLogits)
    case 'binary_crossentropy':
      return binaryCrossentropy(yPred, yTrue, fromLogits)
    case 'mean_squared_error':
      return meanSquaredError(yPred, yTrue)
    case 'mean_absolute_error':
      return meanAbsoluteError(yPred, yTrue)
    case 'huber':
      return huber(yPred, yTrue)
  }
}
