/**
 * The callback that records a run as it trains: every batch's loss and metrics (batch_*), every
 * epoch's logs with its pace, a 'latest' checkpoint at each epoch end (and 'best' when the
 * monitored value improves), and the progress messages behind run.progress and run.epoch.
 */
import type { EpochSummary, MetricLogs } from '../../contract'
import type { Callback, Logs } from '../../engine/callbacks'
import type { History, Sequential } from '../../engine/model'
import type { Checkpoint } from '../store/checkpoints-table'
import type { MetricPoint } from '../store/metrics-table'
import type { WorkerMessage } from './messages'
import type { RunLink } from './run-link'

/** Progress messages at most this often (plus the first batch of every epoch). */
const PROGRESS_MS = 100

/** Where a session starts: from scratch, or from the 'latest' checkpoint. */
export interface Resumption {
  step: number
  history: History
  trainSeconds: number
  best: EpochSummary | null
}

export interface RecorderOptions {
  model: Sequential
  link: RunLink
  epochs: number
  stepsPerEpoch: number
  /** val_loss with validation, else loss; lower is better. */
  monitor: string
  start: Resumption
  post: (message: WorkerMessage) => void
  /** Training time in ms (pauses left out). */
  activeMs: () => number
}

export class RunRecorder implements Callback {
  readonly history: History
  private step: number
  private best: EpochSummary | null
  private readonly sessionStart: number
  private epoch = 0
  private epochStart = 0
  private lastBatchAt = 0
  private lastPost = -Infinity
  private seen = 0
  private sums: MetricLogs = {}

  constructor(private readonly options: RecorderOptions) {
    this.history = structuredClone(options.start.history)
    this.step = options.start.step
    this.best = options.start.best
    this.sessionStart = options.activeMs()
  }

  get globalStep(): number {
    return this.step
  }

  get trainSeconds(): number {
    return this.options.start.trainSeconds + (this.options.activeMs() - this.sessionStart) / 1000
  }

  onEpochBegin(epoch: number): void {
    this.epoch = epoch
    this.epochStart = this.lastBatchAt = this.options.activeMs()
    this.seen = 0
    this.sums = {}
  }

  onBatchEnd(step: number, logs: Logs): void {
    this.step++
    const size = logs.size
    const wallTime = Date.now() / 1000
    const batch: MetricLogs = {}
    for (const [key, value] of Object.entries(logs)) {
      if (key === 'size') continue
      batch[key] = value
      this.sums[key] = (this.sums[key] ?? 0) + value * size
      this.options.link.add({
        key: `batch_${key}`,
        step: this.step,
        epoch: this.epoch,
        value,
        wallTime
      })
    }
    this.seen += size
    const now = (this.lastBatchAt = this.options.activeMs())
    if (step === 0 || now - this.lastPost >= PROGRESS_MS) {
      this.lastPost = now
      this.postProgress(step + 1, batch, now)
    }
    this.options.link.tick(this.step)
  }

  private postProgress(done: number, batch: MetricLogs, now: number): void {
    const elapsed = Math.max(1e-6, (now - this.epochStart) / 1000)
    const running: MetricLogs = {}
    for (const [key, sum] of Object.entries(this.sums)) running[key] = sum / this.seen
    this.options.post({
      type: 'run.progress',
      payload: {
        id: this.options.link.runId,
        epoch: this.epoch,
        epochs: this.options.epochs,
        step: done,
        stepsPerEpoch: this.options.stepsPerEpoch,
        globalStep: this.step,
        seen: this.seen,
        batch,
        running,
        samplesPerSecond: this.seen / elapsed,
        etaSeconds: (elapsed / done) * (this.options.stepsPerEpoch - done)
      }
    })
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const now = this.options.activeMs()
    const seconds = (now - this.epochStart) / 1000
    const batchSeconds = Math.max(1e-6, (this.lastBatchAt - this.epochStart) / 1000)
    const epochLogs: MetricLogs = { ...logs, samples_per_second: this.seen / batchSeconds }
    this.history.epoch.push(epoch)
    for (const [key, value] of Object.entries(logs)) (this.history.history[key] ??= []).push(value)
    const summary: EpochSummary = { epoch, logs: epochLogs }
    const value = logs[this.options.monitor]
    const improved =
      Number.isFinite(value) && (this.best === null || value < this.best.logs[this.options.monitor])
    if (improved) this.best = summary
    const latest = this.checkpoint(epoch + 1)
    const wallTime = Date.now() / 1000
    const points: MetricPoint[] = Object.entries({ ...epochLogs, epoch_seconds: seconds }).map(
      ([key, v]) => ({ key, step: this.step, epoch, value: v, wallTime })
    )
    this.options.link.commitEpoch({
      points,
      latest,
      best: improved ? latest : null,
      changes: {
        epochsDone: epoch + 1,
        stepsDone: this.step,
        trainSeconds: latest.trainSeconds,
        finalMetrics: summary,
        bestMetrics: this.best
      }
    })
    this.options.post({
      type: 'run.epoch',
      payload: {
        id: this.options.link.runId,
        epoch,
        epochs: this.options.epochs,
        step: this.step,
        stepsPerEpoch: this.options.stepsPerEpoch,
        seconds,
        logs: epochLogs
      }
    })
  }

  /**
   * The model as it is now. At an epoch end its Rng has drawn the epoch's shuffle and dropout
   * masks and nothing of the next epoch yet: restoring it continues the same stream.
   */
  checkpoint(epochsDone: number): Checkpoint {
    return {
      epoch: epochsDone,
      step: this.step,
      weights: this.options.model.getWeights(),
      optimizerState: this.options.model.optimizer.getState(),
      rng: this.options.model.getRngState(),
      history: this.history,
      trainSeconds: this.trainSeconds
    }
  }
}
