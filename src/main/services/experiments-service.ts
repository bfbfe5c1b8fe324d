import {
  ApiError,
  activeRunStatuses,
  type ExperimentDetail,
  type ExperimentKind,
  type OptimizerChoice,
  type RunRecord,
  type RunSpec,
  type SweepSummary,
  type experimentsCalls
} from '../../contract'
import type { HandlerTable } from '../api/handlers'
import type { AppContext } from '../context'
import { importedDatasets } from '../datasets/imported-store'
import {
  deleteExperiment,
  findExperiment,
  insertExperiment,
  listExperiments,
  updateExperimentConfig,
  type StoredExperiment
} from '../store/experiments-table'
import { findRun, findRunSpec, listRuns } from '../store/runs-table'
import { exportRuns } from './experiments/export-runs'
import { optimizerLabel, seedGroups } from './experiments/seed-groups'
import { bestLearningRate, logGrid, sweepPoint } from './experiments/sweep'
import { checkRunSpec, trainLoader } from './runs/check-spec'
import { createRun } from './runs-service'

/** What a sweep keeps in its experiment's config. */
interface SweepConfig {
  spec: Omit<RunSpec, 'optimizer'>
  optimizer: OptimizerChoice
  grid: number[]
  gridRunIds: number[]
  seeds: number
  monitor: 'loss' | 'val_loss'
  bestLearningRate?: number | null
  rerunRunIds?: number[]
}

const terminal: readonly RunRecord['status'][] = ['completed', 'stopped', 'failed', 'interrupted']
const subscribed = new WeakSet<AppContext>()

/**
 * Handlers of the `experiments` family. A comparison runs the same data, architecture, initial
 * weights and batch order (seed by seed) under several optimizers; a sweep is the DeepOBS
 * protocol: a log grid of learning rates, then the best one rerun over new seeds.
 */
export function experimentsHandlers(
  ctx: AppContext
): Pick<HandlerTable, keyof typeof experimentsCalls> {
  const { db, events } = ctx

  const runsOf = (id: number): RunRecord[] =>
    listRuns(db, { experimentId: id, limit: 100_000, offset: 0 }).sort((a, b) => a.id - b.id)

  const requireExperiment = (id: number): StoredExperiment => {
    const found = findExperiment(db, id)
    if (!found) throw new ApiError('NOT_FOUND', `there is no experiment ${id}`)
    return found
  }

  /** Validates every spec first, so a bad one leaves nothing behind, then queues them in order. */
  const launch = (
    kind: ExperimentKind,
    name: string,
    config: Record<string, unknown>,
    runs: { spec: RunSpec; role: string }[]
  ): { id: number; runIds: number[] } => {
    const loadTrain = trainLoader(importedDatasets(db, ctx.dataFolder))
    for (const { spec } of runs) checkRunSpec(spec, loadTrain)
    const id = insertExperiment(db, { name, kind, config, now: Date.now() })
    const runIds = runs.map(
      ({ spec, role }) =>
        createRun(ctx, { spec, experimentId: id, role, name: `${name} · ${role}` }, loadTrain).id
    )
    return { id, runIds }
  }

  const sweepSummary = (
    experiment: StoredExperiment,
    runs: { run: RunRecord; spec: RunSpec }[]
  ): SweepSummary => {
    const config = experiment.config as unknown as SweepConfig
    const byId = new Map(runs.map((r) => [r.run.id, r]))
    const grid = config.gridRunIds.flatMap((runId, i) => {
      const found = byId.get(runId)
      return found ? [sweepPoint(found.run, config.grid[i], config.monitor)] : []
    })
    const reruns = (config.rerunRunIds ?? []).flatMap((runId) => byId.get(runId) ?? [])
    const rerunRuns = reruns.map((r) => r.run)
    const rerun = reruns.length ? (seedGroups(reruns)[0] ?? null) : null
    const gridDone = grid.every((p) => p.value !== null)
    const rerunDone = rerunRuns.every((r) => terminal.includes(r.status))
    const phase = !gridDone ? 'grid' : config.rerunRunIds?.length && !rerunDone ? 'seeds' : 'done'
    return {
      monitor: config.monitor,
      grid,
      bestLearningRate: config.bestLearningRate ?? bestLearningRate(grid),
      phase,
      rerun
    }
  }

  const detail = (id: number): ExperimentDetail => {
    const experiment = requireExperiment(id)
    const runs = runsOf(id)
    const withSpecs = runs.map((run) => ({ run, spec: findRunSpec(db, run.id)! }))
    return {
      ...experiment,
      runs,
      groups: seedGroups(withSpecs),
      sweep: experiment.kind === 'sweep' ? sweepSummary(experiment, withSpecs) : null
    }
  }

  /** Once a sweep's grid has finished, queue the best rate's reruns (exactly once). */
  const advanceSweep = (experiment: StoredExperiment): void => {
    const config = experiment.config as unknown as SweepConfig
    if (config.bestLearningRate !== undefined) return
    const grid = config.gridRunIds.flatMap((runId, i) => {
      const run = findRun(db, runId)
      return run ? [sweepPoint(run, config.grid[i], config.monitor)] : []
    })
    if (grid.some((p) => p.value === null)) return
    const best = bestLearningRate(grid)
    const rerunRunIds: number[] = []
    // Marked advanced before queueing: each new run's status event re-enters this function.
    updateExperimentConfig(db, experiment.id, { ...config, bestLearningRate: best, rerunRunIds })
    if (best !== null) {
      const loadTrain = trainLoader(importedDatasets(db, ctx.dataFolder))
      for (let s = 1; s <= config.seeds; s++) {
        const spec: RunSpec = {
          ...config.spec,
          seed: config.spec.seed + s,
          optimizer: {
            name: config.optimizer.name,
            config: { ...config.optimizer.config, learning_rate: best }
          }
        }
        const role = `best lr=${best} · seed ${spec.seed}`
        const input = {
          spec,
          experimentId: experiment.id,
          role,
          name: `${experiment.name} · ${role}`
        }
        rerunRunIds.push(createRun(ctx, input, loadTrain).id)
      }
      updateExperimentConfig(db, experiment.id, { ...config, bestLearningRate: best, rerunRunIds })
    }
    events.emit('experiment.updated', { id: experiment.id })
  }

  if (!subscribed.has(ctx)) {
    subscribed.add(ctx)
    events.subscribe((event, payload) => {
      if (event !== 'run.status') return
      const { id, status } = payload as { id: number; status: RunRecord['status'] }
      const experimentId = findRun(db, id)?.experimentId
      if (!experimentId) return
      const experiment = findExperiment(db, experimentId)
      if (!experiment) return
      if (experiment.kind === 'sweep' && terminal.includes(status)) advanceSweep(experiment)
      events.emit('experiment.updated', { id: experimentId })
    })
    // A sweep whose grid finished while no process was watching moves on now.
    for (const experiment of listExperiments(db))
      if (experiment.kind === 'sweep') advanceSweep(experiment)
  }

  return {
    'experiments.compare': ({ name, spec, optimizers, seeds }) => {
      const runs = Array.from({ length: seeds }, (_, s) =>
        optimizers.map((optimizer) => ({
          spec: { ...spec, seed: spec.seed + s, optimizer } as RunSpec,
          role: optimizerLabel(optimizer) + (seeds > 1 ? ` · seed ${spec.seed + s}` : '')
        }))
      ).flat()
      const title = name ?? `${spec.data.dataset}: ${optimizers.map((o) => o.name).join(' vs ')}`
      return detail(launch('comparison', title, { spec, optimizers, seeds }, runs).id)
    },

    'experiments.seedGroup': ({ name, spec, seeds }) => {
      const runs = Array.from({ length: seeds }, (_, s) => ({
        spec: { ...spec, seed: spec.seed + s },
        role: `seed ${spec.seed + s}`
      }))
      const title =
        name ?? `${spec.data.dataset}: ${optimizerLabel(spec.optimizer)} × ${seeds} seeds`
      return detail(launch('seed-group', title, { spec, seeds }, runs).id)
    },

    'experiments.sweep': ({ name, spec, optimizer, learningRates, seeds, monitor }) => {
      const grid = logGrid(learningRates.min, learningRates.max, learningRates.steps)
      const chosenMonitor = monitor ?? (spec.validationSplit ? 'val_loss' : 'loss')
      if (chosenMonitor === 'val_loss' && !spec.validationSplit) {
        throw new ApiError('BAD_INPUT', 'monitoring val_loss needs a validation split in the spec')
      }
      const runs = grid.map((lr) => ({
        spec: {
          ...spec,
          optimizer: { name: optimizer.name, config: { ...optimizer.config, learning_rate: lr } }
        } as RunSpec,
        role: `lr=${lr}`
      }))
      const title = name ?? `${spec.data.dataset}: ${optimizer.name} learning-rate sweep`
      const config: SweepConfig = {
        spec,
        optimizer,
        grid,
        gridRunIds: [],
        seeds,
        monitor: chosenMonitor
      }
      const { id, runIds } = launch(
        'sweep',
        title,
        config as unknown as Record<string, unknown>,
        runs
      )
      updateExperimentConfig(db, id, { ...config, gridRunIds: runIds })
      return detail(id)
    },

    'experiments.list': () => listExperiments(db).map(({ config: _config, ...record }) => record),

    'experiments.get': ({ id }) => detail(id),

    'experiments.delete': ({ id }) => {
      requireExperiment(id)
      const busy = runsOf(id).filter((r) => activeRunStatuses.includes(r.status))
      if (busy.length) {
        throw new ApiError(
          'CONFLICT',
          `experiment ${id} still has ${busy.length} queued or running run(s): stop them first`,
          {
            runIds: busy.map((r) => r.id)
          }
        )
      }
      deleteExperiment(db, id)
      return { id, deleted: true }
    },

    'experiments.exportRuns': ({ runIds, experimentId, format, granularity }) => {
      const runs =
        experimentId !== undefined ? (requireExperiment(experimentId), runsOf(experimentId)) : []
      for (const runId of runIds ?? []) {
        const run = findRun(db, runId)
        if (!run) throw new ApiError('NOT_FOUND', `there is no run ${runId}`)
        if (!runs.some((r) => r.id === runId)) runs.push(run)
      }
      return exportRuns(db, runs, format, granularity)
    }
  }
}
