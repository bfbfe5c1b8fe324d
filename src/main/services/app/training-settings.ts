import type { TrainingSettings } from '../../../contract/app'
import { ApiError } from '../../../contract/errors'
import type { AppContext } from '../../context'
import {
  CONCURRENCY_SETTING,
  runnerOf,
  THREADS_SETTING,
  threadsSetting
} from '../runs/runner-registry'

/** How runs share the cores now, as the runner will apply it to the next run it starts. */
export function trainingSettings(ctx: AppContext): TrainingSettings {
  const runner = runnerOf(ctx)
  const backend = runner.kernelBackend()
  return {
    cores: runner.cores,
    concurrency: runner.concurrency,
    threads: threadsSetting(ctx) ?? null,
    threadsPerRun: backend.threads,
    engineBackend: backend.name
  }
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * Sets runs at once and threads per run (omitted: unchanged; threads null: automatic), refusing
 * a pair that asks for more threads than the machine has cores: the runs' helper threads would
 * then take turns on the cores and every run would slow down. Nothing is stored when refused.
 */
export function setTrainingSettings(
  ctx: AppContext,
  input: { concurrency?: number; threads?: number | null }
): TrainingSettings {
  const { cores, concurrency: currentConcurrency } = runnerOf(ctx)
  const concurrency = input.concurrency ?? currentConcurrency
  const threads = input.threads === undefined ? (threadsSetting(ctx) ?? null) : input.threads
  if (concurrency > cores) {
    throw new ApiError(
      'BAD_INPUT',
      `At most ${count(cores, 'run')} at once: this machine has ${count(cores, 'core')}.`,
      { field: 'concurrency', cores }
    )
  }
  if (threads !== null && threads * concurrency > cores) {
    throw new ApiError(
      'BAD_INPUT',
      `${count(concurrency, 'run')} at once with ${count(threads, 'thread')} each would need ` +
        `${threads * concurrency} cores; this machine has ${count(cores, 'core')}.`,
      { field: 'threads', cores }
    )
  }
  ctx.db.transaction(() => {
    ctx.settings.set(CONCURRENCY_SETTING, concurrency)
    if (threads === null) ctx.settings.delete(THREADS_SETTING)
    else ctx.settings.set(THREADS_SETTING, threads)
  })()
  return trainingSettings(ctx)
}
