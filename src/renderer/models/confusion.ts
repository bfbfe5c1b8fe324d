/** How a confusion matrix reads: each cell as a share of its row (the samples of that true class). */

export interface ConfusionCell {
  count: number
  /** count / samples of the row's true class, 0 for an empty row. */
  share: number
}

export function confusionCells(confusion: readonly (readonly number[])[]): ConfusionCell[][] {
  return confusion.map((row) => {
    const total = row.reduce((a, b) => a + b, 0)
    return row.map((count) => ({ count, share: total > 0 ? count / total : 0 }))
  })
}

/** Above this share a cell is dark enough that its count is printed in the accent's text colour. */
export const DARK_CELL = 0.55
