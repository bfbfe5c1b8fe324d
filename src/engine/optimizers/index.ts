/**
 * The optimizer registry: Keras's names (case-insensitive), construction from a config, and the
 * defaults table the UI shows.
 */
import { Adadelta, adadeltaSpec } from './adadelta'
import { Adagrad, adagradSpec } from './adagrad'
import { Adam, adamSpec } from './adam'
import { AdamW, adamwSpec } from './adamw'
import {
  describeOptions,
  type HyperparameterInfo,
  type Hyperparameters,
  type OptimizerSpec
} from './hyperparameters'
import { Nadam, nadamSpec } from './nadam'
import type { Optimizer, OptimizerConfig } from './optimizer'
import { RMSprop, rmspropSpec } from './rmsprop'
import { SGD, sgdSpec } from './sgd'

export type { Optimizer, OptimizerConfig, OptimizerState } from './optimizer'
export { BaseOptimizer } from './optimizer'
export type { HyperparameterInfo } from './hyperparameters'
export * from './schedules'
export { SGD, RMSprop, Adagrad, Adam, AdamW, Nadam, Adadelta }

type OptimizerOptions = Readonly<Record<string, unknown>>

interface Entry {
  readonly spec: OptimizerSpec<Hyperparameters>
  readonly create: (config: OptimizerOptions) => Optimizer
}

const registry = new Map<string, Entry>([
  ['sgd', { spec: sgdSpec, create: (c) => new SGD(c) }],
  ['rmsprop', { spec: rmspropSpec, create: (c) => new RMSprop(c) }],
  ['adagrad', { spec: adagradSpec, create: (c) => new Adagrad(c) }],
  ['adam', { spec: adamSpec, create: (c) => new Adam(c) }],
  ['adamw', { spec: adamwSpec, create: (c) => new AdamW(c) }],
  ['nadam', { spec: nadamSpec, create: (c) => new Nadam(c) }],
  ['adadelta', { spec: adadeltaSpec, create: (c) => new Adadelta(c) }]
])

export const optimizerNames: readonly string[] = [...registry.keys()]

function entry(name: string): Entry {
  const found = registry.get(String(name).toLowerCase())
  if (!found) {
    throw new Error(`Unknown optimizer "${name}"; expected one of ${optimizerNames.join(', ')}`)
  }
  return found
}

/** A new optimizer by Keras name; config keys are Keras's (learning_rate, beta_1, clipnorm, …). */
export function createOptimizer(name: string, config: OptimizerOptions = {}): Optimizer {
  return entry(name).create(config)
}

/** The inverse of getConfig(): same name, same hyperparameters, same schedule; fresh state. */
export function optimizerFromConfig(config: OptimizerConfig): Optimizer {
  const { name, ...options } = config
  return createOptimizer(name, options)
}

/** Keras defaults with descriptions, and PyTorch's defaults where they differ. */
export function optimizerDefaults(name: string): HyperparameterInfo[] {
  return describeOptions(entry(name).spec)
}
