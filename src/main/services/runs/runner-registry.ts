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
    concurrency: () => {
      const value = ctx.settings.get<number>(CONCURRENCY_SETTING)
      return Number.isInteger(value) && value! >= 1 ? value! : 1
    }
  })
  runners.set(ctx, runner)
  runner.recover()
  return runner
}

export function runnerOf(ctx: AppContext): Runner {
  return runners.get(ctx) ?? attachRunner(ctx)
}
