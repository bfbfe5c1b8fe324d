/** The `runs` family of the API: calls and events. */
import { z } from 'zod'
import type { ActivationName } from '../engine/ops'
import { call } from './define'

export const runStatuses = [
  'queued',
  'running',
  'paused',
  'completed',
  'stopped',
  'failed',
  'interrupted'
] as const
export type RunStatus = (typeof runStatuses)[number]

/** Statuses in which a runner (a queue or a worker) holds the run. */
export const activeRunStatuses: readonly RunStatus[] = ['queued', 'running', 'paused']

/** Every activation, as a record so the compiler refuses it when the engine gains one. */
const activations: Record<ActivationName, true> = {
  linear: true,
  relu: true,
  leaky_relu: true,
  elu: true,
  sigmoid: true,
  tanh: true,
  softmax: true,
  softplus: true,
  gelu: true
}
const activationNames = Object.keys(activations) as [ActivationName, ...ActivationName[]]

const id = z.number().int().positive()
const path = z.string().min(1).max(4096)

/** Where a run's data comes from (DataSource in main/datasets/training-data.ts). */
export const dataSourceSchema = z
  .object({
    dataset: path,
    labels: path.optional(),
    test: path.optional(),
    testLabels: path.optional(),
    limit: z.number().int().min(1).optional(),
    samples: z.number().int().min(1).max(10_000_000).optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional()
  })
  .strict()

const layerSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('dense'),
      units: z.number().int().min(1).max(1_000_000),
      activation: z.enum(activationNames),
      initializer: z.string().min(1).max(100).optional()
    })
    .strict(),
  z.object({ kind: z.literal('dropout'), rate: z.number().min(0).lt(1) }).strict()
])

/** A hyperparameter: a number or flag, or a learning-rate schedule's config object. */
const hyperparameter = z.union([
  z.number(),
  z.boolean(),
  z.string().max(100),
  z.null(),
  z.record(z.string(), z.unknown())
])

/** A run's spec: its data source plus the engine's TrainingSpec, stored as JSON in runs.spec. */
export const runSpecSchema = z
  .object({
    data: dataSourceSchema,
    layers: z.array(layerSchema).min(1).max(100),
    loss: z.string().min(1).max(100),
    metrics: z.array(z.string().min(1).max(100)).max(20),
    optimizer: z
      .object({ name: z.string().min(1).max(50), config: z.record(z.string(), hyperparameter) })
      .strict(),
    epochs: z.number().int().min(1).max(100_000),
    batchSize: z.number().int().min(1).max(10_000_000),
    seed: z.number().int().min(0).max(0xffffffff),
    validationSplit: z.number().gt(0).lt(1).optional()
  })
  .strict()
export type RunSpec = z.infer<typeof runSpecSchema>

export const runsCreateInput = z
  .object({
    spec: runSpecSchema,
    /** Default: "<dataset> · <optimizer>". */
    name: z.string().min(1).max(200).optional(),
    experimentId: id.optional(),
    /** The run's part in its experiment (e.g. "adam", "lr=0.01", "seed 2"). */
    role: z.string().min(1).max(200).optional(),
    /** Start from a saved model's weights (and its optimizer state when the optimizer matches). */
    initialModelId: id.optional()
  })
  .strict()

export const runsListInput = z
  .object({
    status: z.union([z.enum(runStatuses), z.array(z.enum(runStatuses)).min(1)]).optional(),
    dataset: z.string().min(1).max(4096).optional(),
    optimizer: z.string().min(1).max(50).optional(),
    experimentId: id.optional(),
    /** Matched against name, data set and optimizer. */
    search: z.string().min(1).max(200).optional(),
    limit: z.number().int().min(1).max(10_000).default(500),
    offset: z.number().int().min(0).default(0)
  })
  .strict()

export const runIdInput = z.object({ id }).strict()

export const runsMetricsInput = z
  .object({
    id,
    /** Only these keys (default: every key of the granularity). */
    keys: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
    /** 'epoch': one point per epoch (loss, accuracy, val_*, …); 'step': per batch (batch_*). */
    granularity: z.enum(['epoch', 'step']).default('epoch'),
    /** Longer series are averaged over equal buckets of consecutive points down to this many. */
    maxPoints: z.number().int().min(2).max(1_000_000).optional(),
    /** Only points after this global step (polling a live run). */
    afterStep: z.number().int().min(0).optional()
  })
  .strict()

/** Named numbers logged by training: loss, accuracy, val_loss, learning_rate, … */
export type MetricLogs = Record<string, number>

/** One epoch's logs, as kept for a run's final and best epochs. Epochs count from 0. */
export interface EpochSummary {
  epoch: number
  logs: MetricLogs
}

export interface RunRecord {
  id: number
  experimentId: number | null
  name: string
  dataset: string
  optimizer: string
  seed: number
  status: RunStatus
  role: string | null
  initialModelId: number | null
  /** Milliseconds since 1970. */
  createdAt: number
  startedAt: number | null
  finishedAt: number | null
  /** Time spent training (pauses and restarts excluded). */
  trainSeconds: number
  /** Planned epochs (from the spec). */
  epochs: number
  epochsDone: number
  stepsDone: number
  /** The last completed epoch. */
  finalMetrics: EpochSummary | null
  /** The epoch with the lowest val_loss (or loss without validation). */
  bestMetrics: EpochSummary | null
  /** Loss and metrics on the data source's test set, once training has ended. */
  testMetrics: MetricLogs | null
  stopReason: string | null
  error: string | null
  ownerPid: number | null
  heartbeatAt: number | null
  stopRequested: boolean
  pauseRequested: boolean
  /**
   * The kernels the run trained with, e.g. "wasm-relaxed-simd ×2 threads" (a resumed run: those
   * of its last session). Null before it starts, and for runs recorded by an older Descent.
   */
  engine: string | null
}

export interface RunDetail extends RunRecord {
  spec: RunSpec
}

/** Per-batch keys are stored as batch_<name> (batch_loss, batch_accuracy). */
export const batchKeyPrefix = 'batch_'

/**
 * One metric's points in step order. `step` is the global step (updates so far) at which the
 * value was logged; `epoch` the epoch it belongs to, from 0; `wallTime` seconds since 1970.
 * Decimated series hold bucket means, each at its bucket's last step.
 */
export interface MetricSeries {
  key: string
  steps: number[]
  epochs: number[]
  values: (number | null)[]
  wallTimes: number[]
}

export interface RunMetrics {
  id: number
  granularity: 'epoch' | 'step'
  series: MetricSeries[]
}

export const runsCalls = {
  'runs.create': call<typeof runsCreateInput, RunRecord>(runsCreateInput),
  'runs.list': call<typeof runsListInput, RunRecord[]>(runsListInput),
  'runs.get': call<typeof runIdInput, RunDetail>(runIdInput),
  'runs.metrics': call<typeof runsMetricsInput, RunMetrics>(runsMetricsInput),
  'runs.stop': call<typeof runIdInput, RunRecord>(runIdInput),
  'runs.pause': call<typeof runIdInput, RunRecord>(runIdInput),
  'runs.resume': call<typeof runIdInput, RunRecord>(runIdInput),
  'runs.delete': call<typeof runIdInput, { id: number; deleted: true }>(runIdInput)
} as const

/** Live progress of a training run, at most ~10 a second (every batch is stored regardless). */
export interface RunProgressEvent {
  id: number
  /** From 0. */
  epoch: number
  epochs: number
  /** Batches done in this epoch, from 1. */
  step: number
  stepsPerEpoch: number
  /** Updates since the run began. */
  globalStep: number
  /** Samples done in this epoch. */
  seen: number
  /** The last batch's loss and metrics. */
  batch: MetricLogs
  /** Means over this epoch's samples so far (what Keras's progress bar shows). */
  running: MetricLogs
  samplesPerSecond: number
  /** Seconds left in this epoch at the current pace. */
  etaSeconds: number
}

export interface RunEpochEvent {
  id: number
  epoch: number
  epochs: number
  /** The global step at the end of the epoch. */
  step: number
  stepsPerEpoch: number
  /** Wall time of the epoch, validation included. */
  seconds: number
  /** loss, metrics, val_*, learning_rate, samples_per_second. */
  logs: MetricLogs
}

export interface RunStatusEvent {
  id: number
  status: RunStatus
  error?: string
  stopReason?: string
}

export interface RunsEvents {
  'run.progress': RunProgressEvent
  'run.epoch': RunEpochEvent
  'run.status': RunStatusEvent
}
