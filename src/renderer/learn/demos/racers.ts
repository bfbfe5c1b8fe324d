/**
 * The six optimizers raced on the 2D surfaces: each is the engine's own optimizer (by Keras name)
 * with the settings that make it that method, so the race runs the very code training uses.
 */
import {
  createOptimizer,
  optimizerDefaults,
  type Optimizer
} from '../../../engine/optimizers/index'

export type RacerId = 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam'

export interface Racer {
  readonly id: RacerId
  readonly label: string
  /** The engine's (Keras's) optimizer name. */
  readonly optimizer: 'sgd' | 'adagrad' | 'rmsprop' | 'adam'
  /** Settings besides the learning rate. */
  readonly options: Readonly<{ momentum?: number; nesterov?: boolean }>
}

export const racers: readonly Racer[] = [
  { id: 'sgd', label: 'SGD', optimizer: 'sgd', options: {} },
  { id: 'momentum', label: 'Momentum', optimizer: 'sgd', options: { momentum: 0.9 } },
  {
    id: 'nesterov',
    label: 'Nesterov',
    optimizer: 'sgd',
    options: { momentum: 0.9, nesterov: true }
  },
  { id: 'adagrad', label: 'Adagrad', optimizer: 'adagrad', options: {} },
  { id: 'rmsprop', label: 'RMSprop', optimizer: 'rmsprop', options: {} },
  { id: 'adam', label: 'Adam', optimizer: 'adam', options: {} }
]

export function racer(id: RacerId): Racer {
  const found = racers.find((r) => r.id === id)
  if (!found) throw new Error(`Unknown optimizer "${id}"`)
  return found
}

/** Keras's default learning rate for the racer's optimizer. */
export function defaultLearningRate(r: Racer): number {
  const row = optimizerDefaults(r.optimizer).find((h) => h.key === 'learning_rate')
  return Number(row?.default)
}

export function createRacerOptimizer(r: Racer, learningRate: number): Optimizer {
  return createOptimizer(r.optimizer, { ...r.options, learning_rate: learningRate })
}
