import { describe, expect, test } from 'vitest'
import {
  learningRateScale,
  logGrid,
  positionOf,
  valueAt
} from '../../../src/renderer/learn/demos/log-scale'

describe('log-scale sliders', () => {
  test('decades land on round numbers, evenly spaced', () => {
    expect([0, 20, 40, 60, 80].map((p) => valueAt(learningRateScale, p))).toEqual([
      1e-4, 1e-3, 1e-2, 0.1, 1
    ])
    expect(valueAt(learningRateScale, 30)).toBe(0.00316)
  })

  test('a value maps back to its nearest position, clamped into the scale', () => {
    for (let p = 0; p <= learningRateScale.steps; p++) {
      expect(positionOf(learningRateScale, valueAt(learningRateScale, p))).toBe(p)
    }
    expect(positionOf(learningRateScale, 0.3)).toBe(Math.round((Math.log10(0.3) + 4) * 20))
    expect(positionOf(learningRateScale, 1e-9)).toBe(0)
    expect(positionOf(learningRateScale, 50)).toBe(80)
  })

  test('a grid of n values keeps both ends', () => {
    expect(logGrid(0.01, 1, 3)).toEqual([0.01, 0.1, 1])
  })
})
