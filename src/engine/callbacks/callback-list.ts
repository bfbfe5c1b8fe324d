import type { Callback, Logs, TrainingModel } from './callback'

/** Calls each hook on every callback, in the order given. */
export class CallbackList {
  constructor(private readonly callbacks: readonly Callback[]) {}

  setModel(model: TrainingModel): void {
    for (const c of this.callbacks) c.setModel?.(model)
  }

  trainBegin(logs: Logs): void {
    for (const c of this.callbacks) c.onTrainBegin?.(logs)
  }

  trainEnd(logs: Logs): void {
    for (const c of this.callbacks) c.onTrainEnd?.(logs)
  }

  epochBegin(epoch: number, logs: Logs): void {
    for (const c of this.callbacks) c.onEpochBegin?.(epoch, logs)
  }

  epochEnd(epoch: number, logs: Logs): void {
    for (const c of this.callbacks) c.onEpochEnd?.(epoch, logs)
  }

  batchBegin(step: number, logs: Logs): void {
    for (const c of this.callbacks) c.onBatchBegin?.(step, logs)
  }

  batchEnd(step: number, logs: Logs): void {
    for (const c of this.callbacks) c.onBatchEnd?.(step, logs)
  }
}
