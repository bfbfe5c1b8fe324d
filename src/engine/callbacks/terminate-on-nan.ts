import { ModelCallback, type Logs } from './callback'

/**
 * Stops training at the first batch whose loss is NaN or infinite. fit() ends at once on such a
 * stop, so the broken epoch never reaches the History.
 */
export class TerminateOnNaN extends ModelCallback {
  private epoch = 0

  onEpochBegin(epoch: number): void {
    this.epoch = epoch
  }

  onBatchEnd(step: number, logs: Logs): void {
    const loss = logs.loss
    if (Number.isFinite(loss)) return
    this.model.stopTraining = true
    this.model.stopReason =
      `loss became ${Number.isNaN(loss) ? 'NaN' : 'infinite'} at epoch ${this.epoch + 1}, ` +
      `step ${step + 1} — the learning rate is probably too high`
  }
}
