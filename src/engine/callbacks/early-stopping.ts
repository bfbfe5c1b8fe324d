import { ModelCallback, type Logs } from './callback'
import { improvesUpwards, type MonitorMode } from './monitor'

export interface EarlyStoppingOptions {
  monitor?: string
  /** The smallest change that counts as an improvement. */
  minDelta?: number
  /** Epochs without improvement before training stops. */
  patience?: number
  mode?: MonitorMode
  /** Training stops unless the monitored value beats this within `patience` epochs. */
  baseline?: number
  /** At the end of training, put back the weights of the best epoch. */
  restoreBestWeights?: boolean
  /** Epochs to wait before watching at all (a warm-up). */
  startFromEpoch?: number
}

/** Stops training when the monitored quantity stops improving — Keras 3's EarlyStopping. */
export class EarlyStopping extends ModelCallback {
  readonly monitor: string
  readonly patience: number
  readonly restoreBestWeights: boolean
  private readonly upwards: boolean
  private readonly minDelta: number
  private readonly baseline: number | undefined
  private readonly startFromEpoch: number
  private wait = 0
  best: number
  bestEpoch = 0
  stoppedEpoch = 0
  private bestWeights: Float32Array[] | null = null

  constructor(options: EarlyStoppingOptions = {}) {
    super()
    this.monitor = options.monitor ?? 'val_loss'
    this.patience = options.patience ?? 0
    this.restoreBestWeights = options.restoreBestWeights ?? false
    this.upwards = improvesUpwards(this.monitor, options.mode ?? 'auto')
    this.minDelta = Math.abs(options.minDelta ?? 0)
    this.baseline = options.baseline
    this.startFromEpoch = options.startFromEpoch ?? 0
    this.best = this.upwards ? -Infinity : Infinity
  }

  onTrainBegin(): void {
    this.wait = 0
    this.stoppedEpoch = 0
    this.bestWeights = null
    this.bestEpoch = 0
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const current = logs[this.monitor]
    if (current === undefined || epoch < this.startFromEpoch) return
    // Before any improvement the weights at hand are the best known.
    if (this.restoreBestWeights && this.bestWeights === null) {
      this.bestWeights = this.model.getWeights()
      this.bestEpoch = epoch
    }
    this.wait += 1
    if (this.isImprovement(current, this.best)) {
      this.best = current
      this.bestEpoch = epoch
      if (this.restoreBestWeights) this.bestWeights = this.model.getWeights()
      // The count restarts only when the value beats both the best so far and the baseline.
      if (this.baseline === undefined || this.isImprovement(current, this.baseline)) this.wait = 0
      return
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch
      this.model.stopTraining = true
      this.model.stopReason =
        `early stopping: ${this.monitor} did not improve for ${this.wait} epochs ` +
        `(best ${this.best} at epoch ${this.bestEpoch + 1})`
    }
  }

  onTrainEnd(): void {
    if (this.restoreBestWeights && this.bestWeights !== null) {
      this.model.setWeights(this.bestWeights)
    }
  }

  private isImprovement(value: number, reference: number): boolean {
    return this.upwards ? value - this.minDelta > reference : value + this.minDelta < reference
  }
}
