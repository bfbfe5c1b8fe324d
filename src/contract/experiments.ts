/** The `experiments` family: comparisons, seed groups and learning-rate sweeps, and run export. */
import { z } from 'zod'
import { call } from './define'
import { runSpecSchema, type RunRecord, type RunSpec } from './runs'

const id = z.number().int().positive()

export const experimentKinds = ['single', 'comparison', 'seed-group', 'sweep'] as const
export type ExperimentKind = (typeof experimentKinds)[number]

/** An optimizer and its hyperparameters (Keras names and keys), as in a run's spec. */
export const optimizerChoiceSchema = runSpecSchema.shape.optimizer
export type OptimizerChoice = z.infer<typeof optimizerChoiceSchema>

/** What every run of an experiment shares: data, architecture, loss, epochs, batch size, seed. */
const baseSpecSchema = runSpecSchema.omit({ optimizer: true })
export type BaseSpec = Omit<RunSpec, 'optimizer'>

const seeds = z.number().int().min(1).max(20)
const name = z.string().min(1).max(200)

export const experimentsCompareInput = z
  .object({
    name: name.optional(),
    spec: baseSpecSchema,
    /** One run (per seed) for each; all share initial weights and batch order, seed by seed. */
    optimizers: z.array(optimizerChoiceSchema).min(1).max(20),
    /** Seeds spec.seed, spec.seed + 1, …: k > 1 makes each optimizer a seed group (mean ± std). */
    seeds: seeds.default(1)
  })
  .strict()

export const experimentsSeedGroupInput = z
  .object({ name: name.optional(), spec: runSpecSchema, seeds: seeds.default(3) })
  .strict()

export const experimentsSweepInput = z
  .object({
    name: name.optional(),
    spec: baseSpecSchema,
    optimizer: optimizerChoiceSchema,
    /** A log-spaced grid of learning rates from min to max (inclusive), `steps` values. */
    learningRates: z
      .object({
        min: z.number().positive(),
        max: z.number().positive(),
        steps: z.number().int().min(2).max(50)
      })
      .strict()
      .refine((g) => g.min < g.max, { message: 'min must be below max' }),
    /** The best rate is rerun with this many new seeds (DeepOBS); 0 skips the rerun. */
    seeds: z.number().int().min(0).max(20).default(3),
    /** Default: val_loss when the spec holds out validation data, else loss. */
    monitor: z.enum(['loss', 'val_loss']).optional()
  })
  .strict()

export const experimentIdInput = z.object({ id }).strict()
const listInput = z.object({}).strict()

export const experimentsExportInput = z
  .object({
    runIds: z.array(id).min(1).max(10_000).optional(),
    experimentId: id.optional(),
    format: z.enum(['csv', 'json']),
    granularity: z.enum(['epoch', 'step']).default('epoch')
  })
  .strict()
  .refine((i) => i.runIds !== undefined || i.experimentId !== undefined, {
    message: 'name the runs (runIds) or an experiment (experimentId)'
  })

export interface ExperimentRecord {
  id: number
  name: string
  kind: ExperimentKind
  createdAt: number
  runCount: number
  /** How many of its runs are in each status. */
  statusCounts: Partial<Record<RunRecord['status'], number>>
}

/** Mean, sample standard deviation and count of one metric over a group's runs. */
export interface Aggregate {
  mean: number
  std: number
  n: number
}

/** Runs that differ only in their seed: one configuration, summarised as mean ± std. */
export interface SeedGroup {
  /** The optimizer and its hyperparameters, e.g. "adam lr=0.001". */
  label: string
  optimizer: OptimizerChoice
  runIds: number[]
  seeds: number[]
  /** Over completed epochs' final logs (loss, accuracy, val_*) and test metrics (test_*). */
  final: Record<string, Aggregate>
}

export interface SweepPoint {
  learningRate: number
  runId: number
  /** The monitored value at the run's last epoch; null until it finishes, Infinity if it diverged or failed. */
  value: number | null
  status: RunRecord['status']
}

export interface SweepSummary {
  monitor: 'loss' | 'val_loss'
  grid: SweepPoint[]
  /** Chosen once every grid run has finished. */
  bestLearningRate: number | null
  phase: 'grid' | 'seeds' | 'done'
  /** The best rate's reruns over new seeds. */
  rerun: SeedGroup | null
}

export interface ExperimentDetail extends ExperimentRecord {
  config: Record<string, unknown>
  runs: RunRecord[]
  groups: SeedGroup[]
  sweep: SweepSummary | null
}

export interface ExportedRuns {
  format: 'csv' | 'json'
  fileName: string
  content: string
}

export const experimentsCalls = {
  'experiments.compare': call<typeof experimentsCompareInput, ExperimentDetail>(
    experimentsCompareInput
  ),
  'experiments.seedGroup': call<typeof experimentsSeedGroupInput, ExperimentDetail>(
    experimentsSeedGroupInput
  ),
  'experiments.sweep': call<typeof experimentsSweepInput, ExperimentDetail>(experimentsSweepInput),
  'experiments.list': call<typeof listInput, ExperimentRecord[]>(listInput),
  'experiments.get': call<typeof experimentIdInput, ExperimentDetail>(experimentIdInput),
  'experiments.delete': call<typeof experimentIdInput, { id: number; deleted: true }>(
    experimentIdInput
  ),
  'experiments.exportRuns': call<typeof experimentsExportInput, ExportedRuns>(
    experimentsExportInput
  )
} as const

export interface ExperimentsEvents {
  /** Its runs or its sweep phase changed; fetch experiments.get for the new state. */
  'experiment.updated': { id: number }
}
