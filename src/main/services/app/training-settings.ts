import type { TrainingSettings } from '../../../contract/app'
import { ApiError } from '../../../contract/errors'
import type { AppContext } from '../../context'
import { CONCURRENCY_SETTING, runnerOf, THREADS_SETTING } from '../runs/runner-registry'

/** How runs share the cores now, as the runner will apply it to the next run it starts. */
export function trainingSettings(ctx: AppContext): TrainingSettings {
  const runner = runnerOf(ctx)
  const backend = runner.kernelBackend()
  const threads = ctx.settings.get<unknown>(THREADS_SETTING)
  return {
    cores: runner.cores,
    concurrency: runner.concurrency,
    threads: Number.isInteger(threads) && (threads as number) >= 1 ? (threads as number) : null,
    threadsPerRun: backend.threads,
    engineBackend: backend.name
  }
}

/**
 * Sets runs at once and threads per run (omitted: unchanged; threads null: automatic), refusing
 * a pair that asks for more threads than the machine has cores: the runs' helper threads would
 * then take turns on the cores and every run would slow down. Nothing is stored when refused.
 */
export function setTrainingSettings(
  ctx: AppContext,
  input: { concurrency?: number; threads?: number | null }
): TrainingSettings {
  const current = trainingSettings(ctx)
  const { cores } = current
  const concurrency = input.concurrency ?? current.concurrency
  const threads = input.threads === undefined ? current.threads : input.threads
  const coresWord = cores === 1 ? '1 core' : `${cores} cores`
  if (concurrency > cores) {
    throw new ApiError(
      'BAD_INPUT',
      `At most ${cores} ${cores === 1 ? 'run' : 'runs'} at once: this machine has ${coresWord}.`,
      { field: 'concurrency', cores }
    )
  }
  if (threads !== null && threads * concurrency > cores) {
    const perRun = threads === 1 ? '1 thread' : `${threads} threads`
    throw new ApiError(
      'BAD_INPUT',
      `${concurrency} ${concurrency === 1 ? 'run' : 'runs'} at once with ${perRun} each would ` +
        `need ${threads * concurrency} cores; this machine has ${coresWord}.`,
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
