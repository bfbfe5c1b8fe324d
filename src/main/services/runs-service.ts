import {
  activeRunStatuses,
  ApiError,
  type CallInput,
  type RunRecord,
  type RunStatus,
  type runsCalls
} from '../../contract'
import type { HandlerTable } from '../api/handlers'
import type { AppContext } from '../context'
import { importedDatasets } from '../datasets/imported-store'
import { readSeries } from '../store/metrics-table'
import {
  deleteRun,
  findRun,
  findRunSpec,
  insertRun,
  listRuns,
  updateRun
} from '../store/runs-table'
import { checkRunSpec, trainLoader, type TrainLoader } from './runs/check-spec'
import { decimate } from './runs/decimate'
import { runName } from './runs/run-name'
import { runnerOf } from './runs/runner-registry'

const isActive = (status: RunStatus): boolean => activeRunStatuses.includes(status)

function queueRun(ctx: AppContext, id: number): void {
  ctx.events.emit('run.status', { id, status: 'queued' })
  runnerOf(ctx).enqueue(id)
}

function requireRow(
  ctx: AppContext,
  table: 'experiments' | 'models',
  id: number,
  what: string
): void {
  if (!ctx.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id)) {
    throw new ApiError('NOT_FOUND', `there is no ${what} ${id}`)
  }
}

/**
 * Checks a new run (its spec against data loaded through `loadTrain`, its experiment and
 * starting model), stores it queued and hands it to this process's Runner. The one way a run is
 * created, whether one at a time (runs.create) or as part of an experiment.
 */
export function createRun(
  ctx: AppContext,
  input: CallInput<'runs.create'>,
  loadTrain: TrainLoader
): RunRecord {
  checkRunSpec(input.spec, loadTrain)
  if (input.experimentId !== undefined)
    requireRow(ctx, 'experiments', input.experimentId, 'experiment')
  if (input.initialModelId !== undefined) requireRow(ctx, 'models', input.initialModelId, 'model')
  const id = insertRun(ctx.db, {
    spec: input.spec,
    name: input.name ?? runName(input.spec),
    experimentId: input.experimentId,
    role: input.role,
    initialModelId: input.initialModelId,
    ownerPid: process.pid,
    now: Date.now()
  })
  queueRun(ctx, id)
  return findRun(ctx.db, id)!
}

/**
 * Handlers of the `runs` family. Runs are queued and trained by this process's Runner; a run
 * held by another process (the CLI training while the app is open) is steered through the
 * request flags of its row, which its worker polls.
 */
export function runsHandlers(ctx: AppContext): Pick<HandlerTable, keyof typeof runsCalls> {
  const { db, events } = ctx
  const runner = runnerOf(ctx)

  const requireRun = (id: number): RunRecord => {
    const run = findRun(db, id)
    if (!run) throw new ApiError('NOT_FOUND', `there is no run ${id}`)
    return run
  }
  const conflict = (run: RunRecord, wanted: string): never => {
    throw new ApiError('CONFLICT', `run ${run.id} is ${run.status}: ${wanted}`, {
      status: run.status
    })
  }
  const queue = (id: number): void => queueRun(ctx, id)

  return {
    'runs.create': (input) =>
      createRun(ctx, input, trainLoader(importedDatasets(db, ctx.dataFolder))),

    'runs.list': (input) =>
      listRuns(db, {
        ...input,
        status: input.status === undefined ? undefined : [input.status].flat()
      }),

    'runs.get': ({ id }) => ({ ...requireRun(id), spec: findRunSpec(db, id)! }),

    'runs.metrics': ({ id, keys, granularity, maxPoints, afterStep }) => {
      requireRun(id)
      const series = readSeries(db, id, { keys, granularity, afterStep })
      return {
        id,
        granularity,
        series: maxPoints === undefined ? series : series.map((s) => decimate(s, maxPoints))
      }
    },

    'runs.stop': ({ id }) => {
      const run = requireRun(id)
      if (run.status === 'queued' && runner.dequeue(id)) {
        const stopped = { status: 'stopped', stopReason: 'stopped before it started' } as const
        updateRun(db, id, { ...stopped, finishedAt: Date.now(), ownerPid: null }, ['queued'])
        events.emit('run.status', { id, ...stopped })
      } else if (isActive(run.status)) {
        // Whoever holds it: this process's worker sees the flag at once, another's within a poll.
        updateRun(db, id, { stopRequested: true }, activeRunStatuses)
        runner.signal(id, 'stop', true)
      } else {
        conflict(run, 'only a queued, running or paused run can be stopped')
      }
      return requireRun(id)
    },

    'runs.pause': ({ id }) => {
      const run = requireRun(id)
      if (run.status !== 'running' || run.pauseRequested || run.stopRequested) {
        conflict(run, 'only a running run can be paused')
      }
      updateRun(db, id, { pauseRequested: true }, ['running'])
      runner.signal(id, 'pause', true)
      return requireRun(id)
    },

    'runs.resume': ({ id }) => {
      const run = requireRun(id)
      if (run.status === 'paused' || (run.status === 'running' && run.pauseRequested)) {
        updateRun(db, id, { pauseRequested: false }, ['running', 'paused'])
        runner.signal(id, 'pause', false)
      } else if (run.status === 'interrupted' || run.status === 'stopped') {
        const requeued = updateRun(
          db,
          id,
          {
            status: 'queued',
            ownerPid: process.pid,
            heartbeatAt: Date.now(),
            finishedAt: null,
            stopReason: null,
            error: null,
            stopRequested: false,
            pauseRequested: false
          },
          ['interrupted', 'stopped']
        )
        if (!requeued) conflict(requireRun(id), 'it changed while being resumed')
        queue(id)
      } else {
        conflict(run, 'only a paused, stopped or interrupted run can be resumed')
      }
      return requireRun(id)
    },

    'runs.delete': ({ id }) => {
      const run = requireRun(id)
      if (isActive(run.status)) conflict(run, 'stop it before deleting it')
      deleteRun(db, id)
      return { id, deleted: true }
    }
  }
}
