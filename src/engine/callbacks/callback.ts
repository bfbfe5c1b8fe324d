/**
 * The callback contract of fit(), after Keras: hooks at the start and end of training, of each
 * epoch and of each batch. Every hook is optional, so a plain object literal is a callback.
 */

/** Named numbers reported to callbacks: loss, metrics, val_*, learning_rate. */
export type Logs = Record<string, number>

/** The learning-rate handle of an optimizer, all a callback may touch of it. */
export interface LearningRateControl {
  readonly learningRate: number
  setLearningRate(lr: number): void
}

/** What a callback may see and steer of the model being trained. */
export interface TrainingModel {
  /** Set by a callback to end training after the current batch (Keras's stop_training). */
  stopTraining: boolean
  /** Why training stopped, for the History and the user. */
  stopReason: string | undefined
  getWeights(): Float32Array[]
  setWeights(weights: Float32Array[]): void
  readonly optimizer: LearningRateControl
}

export interface Callback {
  setModel?(model: TrainingModel): void
  onTrainBegin?(logs: Logs): void
  onTrainEnd?(logs: Logs): void
  onEpochBegin?(epoch: number, logs: Logs): void
  onEpochEnd?(epoch: number, logs: Logs): void
  /** `step` counts batches from 0 within the epoch. */
  onBatchBegin?(step: number, logs: Logs): void
  /** `logs` holds this batch's loss and metrics and its `size` (samples). */
  onBatchEnd?(step: number, logs: Logs): void
}

/** Base class for callbacks that steer the model. */
export abstract class ModelCallback implements Callback {
  private attached: TrainingModel | null = null

  setModel(model: TrainingModel): void {
    this.attached = model
  }

  protected get model(): TrainingModel {
    if (!this.attached) throw new Error(`${this.constructor.name} is not attached to a model`)
    return this.attached
  }
}
