/**
 * Every optimizer declares its hyperparameters in one table: Keras default, rule, description and,
 * where PyTorch differs, its default and what differs. This file checks a user's config against
 * the table (plus the options every optimizer shares) and turns the table into the rows the UI shows.
 */
import { check, rejectUnknownKeys, rules, show, valueOr, type Rule } from './rules'
import { scheduleFromConfig, type LearningRateSchedule } from './schedules'

export type HyperparameterValue = number | boolean

export interface Documentation {
  readonly description: string
  /** PyTorch's default for the same knob, where it differs from Keras's. */
  readonly pytorchDefault?: HyperparameterValue | null
  readonly note?: string
}

export interface Hyperparameter<V extends HyperparameterValue> extends Documentation {
  readonly default: V
  readonly rule: Rule
}

export type Hyperparameters = Record<string, HyperparameterValue>

export interface OptimizerSpec<H extends Hyperparameters> {
  /** The registry key: Keras's name in lower case. */
  readonly name: string
  readonly learningRate: Documentation & { readonly default: number }
  /** Only where decoupled weight decay is part of the method (AdamW): on by default, never off. */
  readonly weightDecay?: Documentation & { readonly default: number }
  readonly hyperparameters: { readonly [K in keyof H]: Hyperparameter<H[K]> }
}

/** What the shared step pipeline does around the update rule; null = off. */
export interface PipelineOptions {
  readonly weight_decay: number | null
  readonly clipnorm: number | null
  readonly global_clipnorm: number | null
  readonly clipvalue: number | null
}

export interface ResolvedOptions<H> {
  readonly hyperparameters: H
  readonly schedule: LearningRateSchedule
  readonly pipeline: PipelineOptions
}

/** One row of optimizerDefaults(): what the UI shows beside each field. */
export interface HyperparameterInfo extends Documentation {
  readonly key: string
  readonly default: HyperparameterValue | null
}

const pipelineDocs: Record<keyof PipelineOptions, Documentation> = {
  weight_decay: {
    description: 'Decoupled weight decay: w ← w − lr·wd·w before each update (null: off).'
  },
  clipnorm: {
    description: 'Rescale each variable’s gradient so that its own L2 norm is at most this.'
  },
  global_clipnorm: {
    description: 'Rescale all gradients together so that their joint L2 norm is at most this.'
  },
  clipvalue: { description: 'Clamp every gradient element into [−clipvalue, clipvalue].' }
}

const clipKeys = ['clipnorm', 'global_clipnorm', 'clipvalue'] as const

/**
 * Keys a Keras 3 optimizer config always carries, for features Descent does not implement;
 * accepted (so a Keras config loads) only at the value that leaves them off.
 */
const kerasInertOptions: Record<string, (value: unknown) => boolean> = {
  use_ema: (v) => v === false || v === null,
  ema_momentum: () => true, // read only when use_ema is on
  ema_overwrite_frequency: (v) => v === null,
  loss_scale_factor: (v) => v === null,
  gradient_accumulation_steps: (v) => v === null
}

function optionKeys(spec: OptimizerSpec<Hyperparameters>): string[] {
  return ['learning_rate', ...Object.keys(spec.hyperparameters), 'weight_decay', ...clipKeys]
}

/** Checks config against spec and fills in the Keras defaults; throws naming the bad value. */
export function resolveOptions<H extends Hyperparameters>(
  spec: OptimizerSpec<H>,
  config: Readonly<Record<string, unknown>>
): ResolvedOptions<H> {
  const owner = spec.name
  rejectUnknownKeys(owner, config, optionKeys(spec), kerasInertOptions)

  const hyperparameters = {} as Record<string, HyperparameterValue>
  for (const [key, p] of Object.entries<Hyperparameter<HyperparameterValue>>(
    spec.hyperparameters
  )) {
    const value = valueOr(config, key, p.default)
    check(owner, key, value, p.rule)
    hyperparameters[key] = value as HyperparameterValue
  }
  const schedule = scheduleFromConfig(
    valueOr(config, 'learning_rate', spec.learningRate.default),
    owner
  )
  return {
    hyperparameters: hyperparameters as H,
    schedule,
    pipeline: resolvePipeline(spec, config)
  }
}

function resolvePipeline(
  spec: OptimizerSpec<Hyperparameters>,
  config: Readonly<Record<string, unknown>>
): PipelineOptions {
  const owner = spec.name
  const weightDecay = valueOr(config, 'weight_decay', spec.weightDecay?.default ?? null)
  if (weightDecay !== null || spec.weightDecay) {
    check(owner, 'weight_decay', weightDecay, rules.nonNegative)
  }
  const clip = clipKeys.map((key) => valueOr(config, key, null))
  clip.forEach((value, i) => {
    if (value !== null) check(owner, clipKeys[i], value, rules.positive)
  })
  const set = clipKeys.filter((_, i) => clip[i] !== null)
  if (set.length > 1) {
    const given = set.map((key) => `${key}=${show(config[key])}`).join(', ')
    throw new Error(
      `${owner}: set at most one of clipnorm, global_clipnorm, clipvalue; got ${given}`
    )
  }
  const [clipnorm, globalClipnorm, clipvalue] = clip as (number | null)[]
  return {
    weight_decay: weightDecay as number | null,
    clipnorm,
    global_clipnorm: globalClipnorm,
    clipvalue
  }
}

export function describeOptions(spec: OptimizerSpec<Hyperparameters>): HyperparameterInfo[] {
  const table = Object.entries<Hyperparameter<HyperparameterValue>>(spec.hyperparameters)
  return [
    { key: 'learning_rate', ...spec.learningRate },
    ...table.map(([key, { rule: _rule, ...row }]) => ({ key, ...row })),
    { key: 'weight_decay', default: null, ...pipelineDocs.weight_decay, ...spec.weightDecay },
    ...clipKeys.map((key) => ({ key, default: null, ...pipelineDocs[key] }))
  ]
}
