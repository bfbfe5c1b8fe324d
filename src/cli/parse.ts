import { InvalidArgumentError } from 'commander'
import { parseLayersText, type LayerSpec } from '../engine/spec'

/** `--layers 512:relu,dropout:0.2,10:softmax`: the engine's layer mini-language. */
export function parseLayers(text: string): LayerSpec[] {
  try {
    return parseLayersText(text)
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message)
  }
}

/** Short names users type, mapped to Keras's config keys. */
const hyperparameterAliases: Record<string, string> = {
  lr: 'learning_rate',
  'learning-rate': 'learning_rate',
  beta1: 'beta_1',
  beta2: 'beta_2',
  eps: 'epsilon',
  wd: 'weight_decay',
  'weight-decay': 'weight_decay',
  'initial-accumulator': 'initial_accumulator_value',
  'global-clipnorm': 'global_clipnorm'
}

export interface OptimizerArg {
  name: string
  config: Record<string, number | boolean>
}

/** `sgd:lr=0.01,momentum=0.9,nesterov` → { name: 'sgd', config: { learning_rate: 0.01, … } }. */
export function parseOptimizer(text: string): OptimizerArg {
  const colon = text.indexOf(':')
  const name = (colon < 0 ? text : text.slice(0, colon)).trim().toLowerCase()
  if (!name)
    throw new InvalidArgumentError('an optimizer needs a name, e.g. rmsprop or sgd:lr=0.01')
  const config: Record<string, number | boolean> = {}
  if (colon >= 0) {
    for (const pair of text.slice(colon + 1).split(',')) {
      const [rawKey, rawValue, ...rest] = pair.split('=').map((s) => s.trim())
      if (!rawKey || rest.length)
        throw new InvalidArgumentError(`optimizer ${name}: cannot read "${pair}"; write key=value`)
      const key =
        hyperparameterAliases[rawKey.toLowerCase()] ?? rawKey.toLowerCase().replace(/-/g, '_')
      config[key] = parseValue(name, key, rawValue)
    }
  }
  return { name, config }
}

function parseValue(optimizer: string, key: string, raw: string | undefined): number | boolean {
  if (raw === undefined || raw === 'true') return true
  if (raw === 'false') return false
  const value = Number(raw)
  if (raw === '' || !Number.isFinite(value)) {
    throw new InvalidArgumentError(
      `optimizer ${optimizer}: ${key} must be a number or true/false, got "${raw}"`
    )
  }
  return value
}

export function parseWhole(min: number) {
  return (text: string): number => {
    const value = Number(text)
    if (!Number.isInteger(value) || value < min)
      throw new InvalidArgumentError(`must be a whole number ≥ ${min}`)
    return value
  }
}

export function parseFraction(text: string): number {
  const value = Number(text)
  if (!(value > 0 && value < 1))
    throw new InvalidArgumentError('must be a fraction between 0 and 1, e.g. 0.1')
  return value
}

export function parseNumber(text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value))
    throw new InvalidArgumentError(`must be a number, got "${text}"`)
  return value
}
