/** Rows for BarList: class histograms, per-class accuracy and class probabilities. */
import { formatPercent, groupDigits } from '../format'

/** One bar: its label, its length (against the list's largest or given maximum), its read-out. */
export interface Bar {
  label: string
  value: number
  text: string
}

/** Class i's name, or its index when the set has no names. */
export function className(names: readonly string[] | null, i: number): string {
  return names?.[i] ?? String(i)
}

/** Samples per class, with each class's share of the whole. */
export function countBars(counts: readonly number[], names: readonly string[] | null): Bar[] {
  const total = counts.reduce((a, b) => a + b, 0)
  return counts.map((n, i) => ({
    label: className(names, i),
    value: n,
    text: `${groupDigits(n)} (${formatPercent(total > 0 ? n / total : null)})`
  }))
}

/** Fractions in [0, 1] (accuracy per class, probabilities) as percentages; absent ones as 0 and '—'. */
export function shareBars(
  shares: readonly (number | null)[],
  names: readonly string[] | null
): Bar[] {
  return shares.map((p, i) => ({
    label: className(names, i),
    value: p ?? 0,
    text: formatPercent(p)
  }))
}

/** The index of the largest value (the predicted class), -1 for none. */
export function argmax(values: readonly number[]): number {
  let best = -1
  for (let i = 0; i < values.length; i++) if (best < 0 || values[i] > values[best]) best = i
  return best
}
