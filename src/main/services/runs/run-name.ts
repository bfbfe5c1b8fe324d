import { basename } from 'node:path'
import type { RunSpec } from '../../../contract'

/** Keras's long hyperparameter names, shortened for a run's name. */
const short: Record<string, string> = { learning_rate: 'lr', weight_decay: 'wd' }

/** "sgd(lr=0.01, momentum=0.9)": the name and the hyperparameters given (defaults left out). */
export function optimizerLabel(optimizer: RunSpec['optimizer']): string {
  const config = Object.entries(optimizer.config)
    .filter(([, value]) => value !== null && typeof value !== 'object')
    .map(([key, value]) => `${short[key] ?? key}=${String(value)}`)
  return config.length ? `${optimizer.name}(${config.join(', ')})` : optimizer.name
}

/** "mnist · sgd(lr=0.01, momentum=0.9)": what a list of runs needs to tell them apart. */
export function runName(spec: RunSpec): string {
  return `${basename(spec.data.dataset)} · ${optimizerLabel(spec.optimizer)}`
}
