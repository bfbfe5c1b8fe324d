import { basename } from 'node:path'
import type { RunSpec } from '../../../contract'

/** Keras's long hyperparameter names, shortened for a run's name. */
const short: Record<string, string> = { learning_rate: 'lr', weight_decay: 'wd' }

/** The hyperparameters given (defaults left out) as "lr=0.01" pairs; schedules as JSON. */
export function hyperparameterPairs(config: RunSpec['optimizer']['config']): string[] {
  return Object.entries(config)
    .filter(([, value]) => value !== null)
    .map(
      ([key, value]) =>
        `${short[key] ?? key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`
    )
}

/** "sgd(lr=0.01, momentum=0.9)": the name and the plain hyperparameters given (no schedules). */
export function optimizerLabel(optimizer: RunSpec['optimizer']): string {
  const plain = Object.entries(optimizer.config).filter(([, value]) => typeof value !== 'object')
  const pairs = hyperparameterPairs(Object.fromEntries(plain))
  return pairs.length ? `${optimizer.name}(${pairs.join(', ')})` : optimizer.name
}

/** "mnist · sgd(lr=0.01, momentum=0.9)": what a list of runs needs to tell them apart. */
export function runName(spec: RunSpec): string {
  return `${basename(spec.data.dataset)} · ${optimizerLabel(spec.optimizer)}`
}
