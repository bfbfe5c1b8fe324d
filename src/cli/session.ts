import type { Command } from 'commander'
import {
  activeRunStatuses,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type MetricLogs,
  type RunDetail,
  type RunEpochEvent,
  type RunMetrics,
  type RunProgressEvent,
  type RunRecord,
  type RunStatus
} from '../contract'
import type { Callback } from '../engine/callbacks'
import type { History } from '../engine/model'
import { createDispatch, createHandlers } from '../main/api/handlers'
import { createContext, type AppContext } from '../main/context'
import type { Runner } from '../main/runner/runner'
import { runnerOf } from '../main/services/runs/runner-registry'
import { formatDuration, formatLogs, progressCallback } from './progress'

/** The CLI's door: a context on the data folder, the same handlers as the app, its Runner. */
export interface CliSession {
  ctx: AppContext
  runner: Runner
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>
  close(): Promise<void>
}

export function openSession(program: Command): CliSession {
  const ctx = createContext({ runtime: 'node', dataFolder: program.opts<{ data?: string }>().data })
  const dispatch = createDispatch(createHandlers(ctx))
  const runner = runnerOf(ctx)
  return {
    ctx,
    runner,
    call: (name, input) => dispatch(name, input) as Promise<CallOutput<typeof name>>,
    close: async () => {
      await runner.shutdown()
      ctx.close()
    }
  }
}

export const isActive = (status: RunStatus): boolean => activeRunStatuses.includes(status)

export interface FollowOptions {
  /** Where epoch lines go. */
  print: (line: string) => void
  /** The live progress bar's stream (a TTY), or null for none. */
  live: NodeJS.WriteStream | null
}

/**
 * Starts a run (create or resume) and prints its progress as Keras does until it ends; the
 * first Ctrl+C stops it cleanly after the current batch, a second quits at once.
 */
export async function followRun(
  session: CliSession,
  start: () => Promise<RunRecord>,
  options: FollowOptions
): Promise<RunDetail> {
  const printer = new EventPrinter(options)
  // Events that arrive before start() has said which run it is.
  const early: [EventName, unknown][] = []
  let id: number | null = null
  const handle = (event: EventName, payload: unknown): void => {
    if ((payload as { id?: number }).id !== id) return
    if (event === 'run.progress') printer.progress(payload as RunProgressEvent)
    else if (event === 'run.epoch') printer.epochEnd(payload as RunEpochEvent)
  }
  const unsubscribe = session.ctx.events.subscribe((event, payload) =>
    id === null ? early.push([event, payload]) : handle(event, payload)
  )
  let stopping = false
  // Fails quietly when the run ended meanwhile: there is nothing left to stop.
  const stop = (runId: number): Promise<unknown> =>
    session.call('runs.stop', { id: runId }).catch(() => {})
  const onSignal = (): void => {
    if (stopping) process.exit(130)
    stopping = true
    process.stderr.write('\nStopping after this batch (Ctrl+C again to quit at once)…\n')
    if (id !== null) void stop(id)
  }
  process.on('SIGINT', onSignal)
  try {
    const run = await start()
    id = run.id
    if (stopping) await stop(run.id)
    printer.epochs = run.epochs
    early.splice(0).forEach(([event, payload]) => handle(event, payload))
    if (!session.runner.holds(run.id) && isActive(run.status)) {
      // Held by another process (a paused run there, now resumed): nothing to follow here.
      return session.call('runs.get', { id: run.id })
    }
    // The worker posts its last events before it exits.
    await session.runner.settled(run.id)
    return await session.call('runs.get', { id: run.id })
  } finally {
    process.off('SIGINT', onSignal)
    unsubscribe()
  }
}

/**
 * Feeds run events to the console progress callback of progress.ts. Progress events are
 * throttled, so each is turned into one "batch" holding every sample since the previous one:
 * its size and its means, recovered from the epoch's running means.
 */
class EventPrinter {
  epochs = 0
  private callback: Callback | null = null
  private current = -1
  private seen = 0
  private sums: MetricLogs = {}

  constructor(private readonly options: FollowOptions) {}

  private begin(epoch: number, steps: number): Callback {
    this.callback ??= progressCallback({ epochs: this.epochs, steps, ...this.options })
    if (epoch !== this.current) {
      this.current = epoch
      this.seen = 0
      this.sums = {}
      this.callback.onEpochBegin?.(epoch, {})
    }
    return this.callback
  }

  progress(event: RunProgressEvent): void {
    const callback = this.begin(event.epoch, event.stepsPerEpoch)
    const size = event.seen - this.seen
    if (size <= 0) return
    const chunk: MetricLogs = { size }
    for (const [key, mean] of Object.entries(event.running)) {
      const sum = mean * event.seen
      chunk[key] = (sum - (this.sums[key] ?? 0)) / size
      this.sums[key] = sum
    }
    this.seen = event.seen
    callback.onBatchEnd?.(event.step - 1, chunk)
  }

  epochEnd(event: RunEpochEvent): void {
    const { samples_per_second: _pace, ...logs } = event.logs
    this.begin(event.epoch, event.stepsPerEpoch).onEpochEnd?.(event.epoch, logs)
  }
}

/** A run's per-epoch logs as Keras's History (epochs from 0). */
export function epochHistory(metrics: RunMetrics): History {
  const history: History = { epoch: [], history: {} }
  const loss = metrics.series.find((s) => s.key === 'loss')
  history.epoch = loss ? [...loss.epochs] : []
  for (const s of metrics.series) history.history[s.key] = s.values.map((v) => v ?? NaN)
  return history
}

/** The last lines of a followed run: why it stopped, its test metrics, its id. */
export function reportEnd(
  run: RunDetail,
  wallSeconds: number,
  print: (line: string) => void
): void {
  if (run.status === 'failed') throw new Error(`run ${run.id} failed: ${run.error}`)
  if (run.stopReason) print(`Training stopped: ${run.stopReason}`)
  if (run.testMetrics) print(`Test: ${formatLogs(run.testMetrics, Object.keys(run.testMetrics))}`)
  print(`Wall time: ${formatDuration(wallSeconds)} (${run.trainSeconds.toFixed(1)} s training)`)
  print(`Run ${run.id} ${run.status} — see it with: descent runs show ${run.id}`)
}

/** Runs `work` with a session on the --data folder, closed (runs stopped cleanly) afterwards. */
export async function withSession<T>(
  program: Command,
  work: (s: CliSession) => Promise<T>
): Promise<T> {
  const session = openSession(program)
  try {
    return await work(session)
  } finally {
    await session.close()
  }
}
