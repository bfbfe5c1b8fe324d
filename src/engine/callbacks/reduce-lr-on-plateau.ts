import { ModelCallback, type Logs } from './callback'
import { improvesUpwards, type MonitorMode } from './monitor'

export interface ReduceLROnPlateauOptions {
  monitor?: string
  /** The learning rate is multiplied by this (< 1) on a plateau. */
  factor?: number
  /** Epochs without improvement that make a plateau. */
  patience?: number
  mode?: MonitorMode
  /** The smallest change that counts as an improvement. */
  minDelta?: number
  /** Epochs to wait after a reduction before counting again. */
  cooldown?: number
  /** The learning rate never goes below this. */
  minLr?: number
}

/** Lowers the learning rate when the monitored quantity stalls — Keras 3's ReduceLROnPlateau. */
export class ReduceLROnPlateau extends ModelCallback {
  readonly monitor: string
  readonly factor: number
  readonly patience: number
  readonly minDelta: number
  readonly cooldown: number
  readonly minLr: number
  private readonly upwards: boolean
  private best = 0
  private wait = 0
  private cooldownCounter = 0

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super()
    this.monitor = options.monitor ?? 'val_loss'
    this.factor = options.factor ?? 0.1
    if (!(this.factor < 1))
      throw new Error(`ReduceLROnPlateau factor must be < 1, got ${this.factor}`)
    this.patience = options.patience ?? 10
    this.minDelta = options.minDelta ?? 1e-4
    this.cooldown = options.cooldown ?? 0
    this.minLr = options.minLr ?? 0
    this.upwards = improvesUpwards(this.monitor, options.mode ?? 'auto')
    this.reset()
  }

  onTrainBegin(): void {
    this.reset()
  }

  onEpochEnd(_epoch: number, logs: Logs): void {
    const current = logs[this.monitor]
    if (current === undefined) return
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1
      this.wait = 0
    }
    if (this.isImprovement(current)) {
      this.best = current
      this.wait = 0
      return
    }
    if (this.cooldownCounter > 0) return
    this.wait += 1
    if (this.wait < this.patience) return
    const optimizer = this.model.optimizer
    const lr = optimizer.learningRate
    // Keras compares against the float32 value of min_lr.
    if (lr > Math.fround(this.minLr)) {
      optimizer.setLearningRate(Math.max(lr * this.factor, this.minLr))
      this.cooldownCounter = this.cooldown
      this.wait = 0
    }
  }

  private reset(): void {
    this.best = this.upwards ? -Infinity : Infinity
    this.wait = 0
    this.cooldownCounter = 0
  }

  private isImprovement(value: number): boolean {
    return this.upwards ? value > this.best + this.minDelta : value < this.best - this.minDelta
  }
}
