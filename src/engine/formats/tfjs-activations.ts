/**
 * Activation names between Descent and TF.js 4.22. Most are shared; Descent's leaky_relu has no
 * TF.js activation and travels as a LeakyReLU layer; TF.js's relu6, selu, swish, … have no
 * Descent counterpart and are refused on import.
 */
import type { ActivationName } from '../ops/index'
import { ModelFormatError } from './errors'
import { describe } from './json-fields'

/** Same name, same function in both (gelu: both the exact x·Φ(x); elu: both α = 1). */
const SHARED: readonly ActivationName[] = [
  'linear',
  'relu',
  'elu',
  'sigmoid',
  'tanh',
  'softmax',
  'softplus',
  'gelu'
]

/** The slope of Descent's (Keras's) leaky_relu activation for x < 0, see ops/activations. */
export const LEAKY_RELU_SLOPE = 0.2

/** Whether TF.js has an activation of this name with this meaning. */
export function isTfjsActivation(name: ActivationName): boolean {
  return SHARED.includes(name)
}

/** A TF.js config's activation (null: none) as Descent's; `where` names the layer. */
export function activationFromTfjs(value: unknown, where: string): ActivationName {
  if (value === null || value === undefined) return 'linear'
  const found = SHARED.find((name) => name === value)
  if (found) return found
  throw new ModelFormatError(
    `${where} uses activation ${describe(value)}, which Descent does not have; ` +
      `Descent loads ${SHARED.join(', ')} (and leaky_relu as a LeakyReLU layer with alpha ${LEAKY_RELU_SLOPE})`
  )
}
