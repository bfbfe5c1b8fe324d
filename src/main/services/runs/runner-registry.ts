/**
 * One Runner per context, made on first use — and every door makes its handlers at start, so
 * crashed runs are recovered then. Tests and doors with their own build layout attach theirs.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { AppContext } from '../../context'
import { Runner } from '../../runner/runner'

const runners = new WeakMap<AppContext, Runner>()

/** Key of the setting: training jobs at once (default 1, each using every core). */
export const CONCURRENCY_SETTING = 'runner.concurrency'

/** Key of the setting: threads each job gets (absent: the cores shared evenly by the jobs). */
export const THREADS_SETTING = 'runner.threads'

/** A setting's value when it is a whole number ≥ 1 (a hand-edited database may hold anything). */
function positiveInteger(value: unknown): number | undefined {
  return Number.isInteger(value) && (value as number) >= 1 ? (value as number) : undefined
}

/** Threads per job as set, or undefined: automatic. */
export function threadsSetting(ctx: AppContext): number | undefined {
  return positiveInteger(ctx.settings.get(THREADS_SETTING))
}

export interface RunnerSetup {
  /** Default: train-worker.js beside the bundle (out/main/, whether this code sits in a chunk or not). */
  workerPath?: string
  /** Default: resources/wasm of the project the worker was built in. */
  wasmDir?: string
  nativeBinding?: string
  cores?: number
  isAlive?: (pid: number) => boolean
}

function defaultWorkerPath(): string {
  const candidates = [join(__dirname, 'train-worker.js'), join(__dirname, '..', 'train-worker.js')]
  return candidates.find((path) => existsSync(path)) ?? candidates[0]
}

/** Makes the context's Runner with this setup and recovers orphaned runs; one per context. */
export function attachRunner(ctx: AppContext, setup: RunnerSetup = {}): Runner {
  if (runners.has(ctx)) throw new Error('this context already has a runner')
  const workerPath = setup.workerPath ?? defaultWorkerPath()
  const runner = new Runner({
    db: ctx.db,
    databasePath: ctx.databasePath,
    dataFolder: ctx.dataFolder,
    events: ctx.events,
    workerPath,
    wasmDir: setup.wasmDir ?? join(dirname(workerPath), '..', '..', 'resources', 'wasm'),
    nativeBinding: setup.nativeBinding,
    cores: setup.cores,
    isAlive: setup.isAlive,
    concurrency: () => positiveInteger(ctx.settings.get(CONCURRENCY_SETTING)) ?? 1,
    threads: () => threadsSetting(ctx)
  })
  runners.set(ctx, runner)
  runner.recover()
  return runner
}

export function runnerOf(ctx: AppContext): Runner {
  return runners.get(ctx) ?? attachRunner(ctx)
}
