/**
 * Learning-rate schedules with Keras 3's formulas (keras/src/optimizers/schedules/
 * learning_rate_schedule.py) and its JSON form { class_name, config }. A schedule maps the number
 * of updates already done to the rate of the next one; a plain number is a constant rate.
 */
import { check, isFiniteNumber, rejectUnknownKeys, rules, show, valueOr } from './rules'

export interface ExponentialDecayConfig {
  initial_learning_rate: number
  decay_steps: number
  decay_rate: number
  staircase: boolean
  name: string
}

export interface PiecewiseConstantDecayConfig {
  boundaries: number[]
  values: number[]
  name: string
}

export interface CosineDecayConfig {
  initial_learning_rate: number
  decay_steps: number
  alpha: number
  /** null: no warmup, the decay starts from initial_learning_rate. */
  warmup_target: number | null
  warmup_steps: number
  name: string
}

export type ScheduleConfig =
  | { class_name: 'ExponentialDecay'; config: ExponentialDecayConfig }
  | { class_name: 'PiecewiseConstantDecay'; config: PiecewiseConstantDecayConfig }
  | { class_name: 'CosineDecay'; config: CosineDecayConfig }

/** What an optimizer's `learning_rate` holds: a constant rate or a schedule. */
export type LearningRateConfig = number | ScheduleConfig

export interface LearningRateSchedule {
  /** The rate for the update that follows `step` completed updates. */
  at(step: number): number
  /** The JSON form: the number itself for a constant, Keras's { class_name, config } otherwise. */
  config(): LearningRateConfig
}

type RawConfig = Readonly<Record<string, unknown>>

export function constantSchedule(rate: number): LearningRateSchedule {
  check('constantSchedule', 'rate', rate, rules.nonNegative)
  return { at: () => rate, config: () => rate }
}

/** initial_learning_rate · decay_rate^(step / decay_steps), the exponent floored when staircase. */
export function exponentialDecay(raw: RawConfig): LearningRateSchedule {
  const owner = 'ExponentialDecay'
  rejectUnknownKeys(owner, raw, [
    'initial_learning_rate',
    'decay_steps',
    'decay_rate',
    'staircase',
    'name'
  ])
  const c: ExponentialDecayConfig = {
    initial_learning_rate: raw.initial_learning_rate as number,
    decay_steps: raw.decay_steps as number,
    decay_rate: raw.decay_rate as number,
    staircase: valueOr(raw, 'staircase', false) as boolean,
    name: valueOr(raw, 'name', owner) as string
  }
  check(owner, 'initial_learning_rate', c.initial_learning_rate, rules.nonNegative)
  check(owner, 'decay_steps', c.decay_steps, rules.positive)
  check(owner, 'decay_rate', c.decay_rate, rules.positive)
  check(owner, 'staircase', c.staircase, rules.flag)
  checkName(owner, c.name)
  return {
    at(step) {
      const p = step / c.decay_steps
      return c.initial_learning_rate * c.decay_rate ** (c.staircase ? Math.floor(p) : p)
    },
    config: () => ({ class_name: 'ExponentialDecay', config: { ...c } })
  }
}

/** values[0] while step <= boundaries[0], values[i] while step <= boundaries[i], then the last. */
export function piecewiseConstantDecay(raw: RawConfig): LearningRateSchedule {
  const owner = 'PiecewiseConstantDecay'
  rejectUnknownKeys(owner, raw, ['boundaries', 'values', 'name'])
  const boundaries = numberList(owner, 'boundaries', raw.boundaries)
  const values = numberList(owner, 'values', raw.values)
  const name = valueOr(raw, 'name', 'PiecewiseConstant') as string
  if (values.length !== boundaries.length + 1) {
    throw new Error(
      `${owner}: values must have one more entry than boundaries; got ${values.length} values for ${boundaries.length} boundaries`
    )
  }
  for (let i = 1; i < boundaries.length; i++) {
    if (!(boundaries[i] > boundaries[i - 1])) {
      throw new Error(`${owner}: boundaries must be strictly increasing; got ${show(boundaries)}`)
    }
  }
  values.forEach((v, i) => check(owner, `values[${i}]`, v, rules.nonNegative))
  checkName(owner, name)
  return {
    at(step) {
      for (let i = 0; i < boundaries.length; i++) if (step <= boundaries[i]) return values[i]
      return values[boundaries.length]
    },
    config: () => ({
      class_name: 'PiecewiseConstantDecay',
      config: { boundaries: [...boundaries], values: [...values], name }
    })
  }
}

/**
 * Optional linear warmup from initial_learning_rate to warmup_target over warmup_steps, then a
 * half cosine from the peak down to alpha·peak over decay_steps, constant afterwards.
 */
export function cosineDecay(raw: RawConfig): LearningRateSchedule {
  const owner = 'CosineDecay'
  rejectUnknownKeys(owner, raw, [
    'initial_learning_rate',
    'decay_steps',
    'alpha',
    'warmup_target',
    'warmup_steps',
    'name'
  ])
  const c: CosineDecayConfig = {
    initial_learning_rate: raw.initial_learning_rate as number,
    decay_steps: raw.decay_steps as number,
    alpha: valueOr(raw, 'alpha', 0) as number,
    warmup_target: valueOr(raw, 'warmup_target', null) as number | null,
    warmup_steps: valueOr(raw, 'warmup_steps', 0) as number,
    name: valueOr(raw, 'name', owner) as string
  }
  check(owner, 'initial_learning_rate', c.initial_learning_rate, rules.nonNegative)
  check(owner, 'decay_steps', c.decay_steps, rules.positive)
  check(owner, 'alpha', c.alpha, rules.closedUnitInterval)
  if (c.warmup_target !== null) check(owner, 'warmup_target', c.warmup_target, rules.nonNegative)
  check(owner, 'warmup_steps', c.warmup_steps, rules.nonNegative)
  checkName(owner, c.name)
  const decayed = (peak: number, step: number) =>
    peak * ((1 - c.alpha) * 0.5 * (1 + Math.cos((Math.PI * step) / c.decay_steps)) + c.alpha)
  return {
    at(step) {
      if (c.warmup_target === null)
        return decayed(c.initial_learning_rate, Math.min(step, c.decay_steps))
      const s = Math.min(step, c.decay_steps + c.warmup_steps)
      if (s < c.warmup_steps) {
        const delta = c.warmup_target - c.initial_learning_rate
        return delta * (s / c.warmup_steps) + c.initial_learning_rate
      }
      return decayed(c.warmup_target, s - c.warmup_steps)
    },
    config: () => ({ class_name: 'CosineDecay', config: { ...c } })
  }
}

const scheduleClasses: Record<
  ScheduleConfig['class_name'],
  (raw: RawConfig) => LearningRateSchedule
> = {
  ExponentialDecay: exponentialDecay,
  PiecewiseConstantDecay: piecewiseConstantDecay,
  CosineDecay: cosineDecay
}

/**
 * A number (constant rate) or Keras's serialised schedule { class_name, config } — the extra
 * keys Keras writes beside them (module, registered_name) are accepted and ignored.
 */
export function scheduleFromConfig(value: unknown, owner = 'optimizer'): LearningRateSchedule {
  if (typeof value === 'number') {
    check(owner, 'learning_rate', value, rules.nonNegative)
    return constantSchedule(value)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(
      `${owner}: learning_rate must be a finite number >= 0 or a schedule { class_name, config }; got ${show(value)}`
    )
  }
  const serialised = value as RawConfig
  rejectUnknownKeys(`${owner} schedule`, serialised, [
    'class_name',
    'config',
    'module',
    'registered_name'
  ])
  const className = serialised.class_name
  const make = Object.hasOwn(scheduleClasses, String(className))
    ? scheduleClasses[className as ScheduleConfig['class_name']]
    : undefined
  if (!make) {
    throw new Error(
      `${owner}: unknown schedule class_name ${show(className)}; expected one of ${Object.keys(scheduleClasses).join(', ')}`
    )
  }
  const config = serialised.config
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new Error(`${owner}: schedule config must be an object; got ${show(config)}`)
  }
  return make(config as RawConfig)
}

function numberList(owner: string, key: string, value: unknown): number[] {
  if (!Array.isArray(value) || !value.every(isFiniteNumber)) {
    throw new Error(`${owner}: ${key} must be a list of finite numbers; got ${show(value)}`)
  }
  return [...value]
}

function checkName(owner: string, name: unknown): void {
  if (typeof name !== 'string') {
    throw new Error(`${owner}: name must be a string; got ${show(name)}`)
  }
}
