/**
 * The two ways to start an experiment from the Compare view, checked before anything is sent:
 * a comparison (several optimizers, k seeds each) and a learning-rate sweep (a log grid of rates
 * for one optimizer, the best rerun over new seeds).
 */
import type { BaseSpec, OptimizerChoice } from '../../contract/experiments'
import { readNumber } from '../build/numbers'
import { defaultHyperparameters, readOptimizer } from '../build/optimizer-fields'

export const MAX_SEEDS = 20
export const MAX_OPTIMIZERS = 20

/** An optimizer row: a Keras name and its hyperparameters as typed (flags as booleans). */
export interface OptimizerDraft {
  name: string
  values: Record<string, string | boolean>
}

export function optimizerDraft(name: string): OptimizerDraft {
  return { name, values: defaultHyperparameters(name) }
}

export interface CompareDraft {
  optimizers: OptimizerDraft[]
  seeds: string
}

export interface CompareInput {
  spec: BaseSpec
  optimizers: OptimizerChoice[]
  seeds: number
}

export interface CheckedCompare {
  input: CompareInput | null
  /** Per optimizer row: problems by hyperparameter key ('optimizer' for the combination). */
  optimizerErrors: Record<string, string>[]
  seedsError: string | undefined
  /** A problem of the list as a whole. */
  listError: string | undefined
}

export function checkCompare(draft: CompareDraft, spec: BaseSpec | null): CheckedCompare {
  const readings = draft.optimizers.map((o) => readOptimizer(o.name, o.values))
  const seeds = readNumber(draft.seeds, { whole: true, min: 1, max: MAX_SEEDS })
  const listError =
    draft.optimizers.length === 0
      ? 'add at least one optimizer'
      : draft.optimizers.length > MAX_OPTIMIZERS
        ? `at most ${MAX_OPTIMIZERS} optimizers`
        : undefined
  const optimizerErrors = readings.map((r) => r.errors)
  const valid =
    spec !== null &&
    listError === undefined &&
    seeds.error === undefined &&
    optimizerErrors.every((e) => Object.keys(e).length === 0)
  return {
    input: valid
      ? {
          spec,
          optimizers: readings.map((r, i) => ({
            name: draft.optimizers[i].name,
            config: r.config
          })),
          seeds: seeds.value!
        }
      : null,
    optimizerErrors,
    seedsError: seeds.error,
    listError
  }
}

export type Monitor = 'auto' | 'loss' | 'val_loss'

export interface SweepDraft {
  optimizer: OptimizerDraft
  min: string
  max: string
  steps: string
  seeds: string
  monitor: Monitor
}

export type SweepField = 'min' | 'max' | 'steps' | 'seeds' | 'monitor'

export interface SweepInput {
  spec: BaseSpec
  optimizer: OptimizerChoice
  learningRates: { min: number; max: number; steps: number }
  seeds: number
  monitor?: 'loss' | 'val_loss'
}

export interface CheckedSweep {
  input: SweepInput | null
  errors: Partial<Record<SweepField, string>>
  /** The optimizer's other hyperparameters (the sweep sets its learning rate). */
  optimizerErrors: Record<string, string>
}

/** Four decades of rates, five of them, and the best one rerun with three new seeds. */
export function defaultSweepDraft(name = 'sgd'): SweepDraft {
  return {
    optimizer: optimizerDraft(name),
    min: '0.0001',
    max: '1',
    steps: '5',
    seeds: '3',
    monitor: 'auto'
  }
}

export function checkSweep(draft: SweepDraft, spec: BaseSpec | null): CheckedSweep {
  const errors: CheckedSweep['errors'] = {}
  const min = readNumber(draft.min, { min: 0, aboveMin: true })
  const max = readNumber(draft.max, { min: 0, aboveMin: true })
  const steps = readNumber(draft.steps, { whole: true, min: 2, max: 50 })
  const seeds = readNumber(draft.seeds, { whole: true, min: 0, max: MAX_SEEDS })
  if (min.error !== undefined) errors.min = min.error
  if (max.error !== undefined) errors.max = max.error
  else if (min.value !== undefined && max.value <= min.value) {
    errors.max = 'must be above the smallest rate'
  }
  if (steps.error !== undefined) errors.steps = steps.error
  if (seeds.error !== undefined) errors.seeds = seeds.error
  if (draft.monitor === 'val_loss' && spec !== null && spec.validationSplit === undefined) {
    errors.monitor = 'val_loss needs a validation split'
  }
  // The sweep sets the rate: read the rest with the rate at its default, which leaves it out.
  const optimizer = readOptimizer(draft.optimizer.name, {
    ...draft.optimizer.values,
    learning_rate: defaultHyperparameters(draft.optimizer.name).learning_rate
  })
  const valid =
    spec !== null && Object.keys(errors).length === 0 && Object.keys(optimizer.errors).length === 0
  return {
    input: valid
      ? {
          spec,
          optimizer: { name: draft.optimizer.name, config: optimizer.config },
          learningRates: { min: min.value!, max: max.value!, steps: steps.value! },
          seeds: seeds.value!,
          ...(draft.monitor === 'auto' ? {} : { monitor: draft.monitor })
        }
      : null,
    errors,
    optimizerErrors: optimizer.errors
  }
}
