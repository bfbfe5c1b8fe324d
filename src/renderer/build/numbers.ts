/** Reading numbers from form fields, each failure phrased for the inline error under the field. */
import { groupDigits } from '../format'

export type Reading = { value: number; error?: undefined } | { value?: undefined; error: string }

export interface NumberRule {
  whole?: boolean
  min?: number
  max?: number
  /** min itself is not allowed (a fraction in (0, 1)). */
  aboveMin?: boolean
  /** max itself is not allowed (a rate in [0, 1)). */
  belowMax?: boolean
}

function range(rule: NumberRule): string {
  const low = rule.min === undefined ? '' : `${rule.aboveMin ? '>' : '≥'} ${groupDigits(rule.min)}`
  const high = rule.max === undefined ? '' : `${rule.belowMax ? '<' : '≤'} ${groupDigits(rule.max)}`
  return [low, high].filter(Boolean).join(' and ')
}

/** The number typed in a field, or what is wrong with it ("enter a whole number ≥ 1"). */
export function readNumber(text: string, rule: NumberRule = {}): Reading {
  const trimmed = text.trim()
  const value = Number(trimmed)
  const kind = rule.whole ? 'a whole number' : 'a number'
  const bounds = range(rule)
  const wanted = bounds ? `${kind} ${bounds}` : kind
  if (trimmed === '' || !Number.isFinite(value)) return { error: `enter ${wanted}` }
  if (rule.whole && !Number.isInteger(value)) return { error: `must be ${wanted}` }
  const tooLow = rule.min !== undefined && (rule.aboveMin ? value <= rule.min : value < rule.min)
  const tooHigh = rule.max !== undefined && (rule.belowMax ? value >= rule.max : value > rule.max)
  if (tooLow || tooHigh) return { error: `must be ${wanted}` }
  return { value }
}
