/** What fit() returns, as Keras's History: one value per completed epoch for every logged key. */
export interface History {
  /** Epoch indices, counted from 0 (initialEpoch first on a resumed run). */
  epoch: number[]
  /** loss, each metric, val_* and learning_rate, one entry per epoch in `epoch`. */
  history: Record<string, number[]>
  /** Why training ended before the last epoch (a callback, a stop request, a NaN loss). */
  stopReason?: string
  stoppedEarly?: boolean
}
