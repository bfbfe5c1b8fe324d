import type { ActivationName } from '../ops/index'

/** Every activation the ops know; typed as a record so a new ActivationName must be added here. */
const KNOWN: Record<ActivationName, true> = {
  linear: true,
  relu: true,
  leaky_relu: true,
  elu: true,
  sigmoid: true,
  tanh: true,
  softmax: true,
  softplus: true,
  gelu: true
}

/** Checks a name from a config; null or undefined mean no activation, as in Keras. */
export function toActivationName(name: unknown): ActivationName {
  if (name === null || name === undefined) return 'linear'
  if (typeof name === 'string' && Object.hasOwn(KNOWN, name)) return name as ActivationName
  throw new Error(
    `unknown activation ${JSON.stringify(name)}; use one of ${Object.keys(KNOWN).join(', ')}`
  )
}
