/**
 * What the builder's selects offer, written as records over the engine's own name types so the
 * compiler asks for an entry whenever the engine gains an activation, initializer or loss.
 */
import type { InitializerName } from '../../engine/initializers'
import type { LossName } from '../../engine/losses'
import type { ActivationName } from '../../engine/ops'

const activations: Record<ActivationName, true> = {
  relu: true,
  tanh: true,
  sigmoid: true,
  softmax: true,
  linear: true,
  elu: true,
  leaky_relu: true,
  gelu: true,
  softplus: true
}
export const activationNames = Object.keys(activations) as ActivationName[]

export const isActivation = (name: string): name is ActivationName =>
  Object.hasOwn(activations, name)

const initializers: Record<InitializerName, true> = {
  glorot_uniform: true,
  glorot_normal: true,
  he_uniform: true,
  he_normal: true,
  lecun_uniform: true,
  lecun_normal: true,
  random_uniform: true,
  random_normal: true,
  truncated_normal: true,
  zeros: true,
  ones: true
}
export const initializerNames = Object.keys(initializers) as InitializerName[]

/** Each loss with the task it is for (the lecture's pairings). */
export const losses: Record<LossName, string> = {
  categorical_crossentropy: 'multi-class, softmax output, one-hot labels',
  sparse_categorical_crossentropy: 'multi-class, softmax output, class-index labels',
  binary_crossentropy: 'binary, sigmoid output',
  mean_squared_error: 'regression, linear output (MSE)',
  mean_absolute_error: 'regression, linear output (MAE)',
  huber: 'regression, linear output, robust to outliers'
}
export const lossNames = Object.keys(losses) as LossName[]
