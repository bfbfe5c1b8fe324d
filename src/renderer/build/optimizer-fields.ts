/**
 * The optimizer's part of the form: one field per hyperparameter from the engine's defaults table
 * (Keras default, description, PyTorch's default where it differs), read back into a config that
 * the engine's own rules check — the page and the trainer agree on what is valid.
 */
import {
  createOptimizer,
  optimizerDefaults,
  type HyperparameterInfo
} from '../../engine/optimizers'
import { readNumber } from './numbers'

/** 'number' needs a value; 'optional' is off while blank (Keras's default None); 'flag' is a box. */
export type FieldKind = 'number' | 'optional' | 'flag'

export interface HyperparameterField extends HyperparameterInfo {
  kind: FieldKind
}

export function hyperparameterFields(optimizer: string): HyperparameterField[] {
  return optimizerDefaults(optimizer).map((row) => ({
    ...row,
    kind: typeof row.default === 'boolean' ? 'flag' : row.default === null ? 'optional' : 'number'
  }))
}

/** Keras's defaults as the form shows them: numbers as text, None as a blank field. */
export function defaultHyperparameters(optimizer: string): Record<string, string | boolean> {
  return Object.fromEntries(
    optimizerDefaults(optimizer).map(({ key, default: value }) => [
      key,
      typeof value === 'boolean' ? value : value === null ? '' : String(value)
    ])
  )
}

export interface OptimizerReading {
  /** The hyperparameters that differ from Keras's defaults (what a run's name shows). */
  config: Record<string, number | boolean>
  /** By key; 'optimizer' for a problem of the combination (two clipping options at once). */
  errors: Record<string, string>
}

/** "sgd: momentum must be a number in [0, 1); got 2" → "momentum must be a number in [0, 1); got 2". */
const withoutOwner = (optimizer: string, message: string): string =>
  message.startsWith(`${optimizer}: `) ? message.slice(optimizer.length + 2) : message

function engineError(optimizer: string, config: Record<string, unknown>): string | null {
  try {
    createOptimizer(optimizer, config)
    return null
  } catch (err) {
    return withoutOwner(optimizer, err instanceof Error ? err.message : String(err))
  }
}

export function readOptimizer(
  optimizer: string,
  values: Readonly<Record<string, string | boolean>>
): OptimizerReading {
  const config: Record<string, number | boolean> = {}
  const errors: Record<string, string> = {}
  for (const field of hyperparameterFields(optimizer)) {
    const raw = values[field.key]
    let value: number | boolean
    if (field.kind === 'flag') value = raw === true
    else {
      const text = typeof raw === 'string' ? raw : ''
      if (field.kind === 'optional' && text.trim() === '') continue
      const reading = readNumber(text)
      if (reading.error !== undefined) {
        errors[field.key] = reading.error
        continue
      }
      value = reading.value
    }
    const error = engineError(optimizer, { [field.key]: value })
    if (error) errors[field.key] = error
    else if (value !== field.default) config[field.key] = value
  }
  if (Object.keys(errors).length === 0) {
    const error = engineError(optimizer, config)
    if (error) errors.optimizer = error
  }
  return { config, errors }
}
