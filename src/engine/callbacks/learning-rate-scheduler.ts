import { ModelCallback } from './callback'

/** Maps (epoch counted from 0, current learning rate) to the learning rate of that epoch. */
export type EpochLearningRate = (epoch: number, lr: number) => number

/** Sets the learning rate at the start of every epoch — Keras's LearningRateScheduler. */
export class LearningRateScheduler extends ModelCallback {
  constructor(readonly schedule: EpochLearningRate) {
    super()
  }

  onEpochBegin(epoch: number): void {
    const optimizer = this.model.optimizer
    const lr = this.schedule(epoch, optimizer.learningRate)
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new Error(`the learning-rate schedule returned ${String(lr)} at epoch ${epoch}`)
    }
    optimizer.setLearningRate(lr)
  }
}
