import { describe, expect, it } from 'vitest'
import {
  higherIsBetter,
  meanStd,
  seedBand,
  summarize,
  valueAt
} from '../../../src/renderer/compare/aggregate'

describe('mean and sample standard deviation', () => {
  it('matches the textbook example (n − 1 in the denominator)', () => {
    // Σ(x − 5)² = 32 over 8 values: sample variance 32 / 7.
    const { mean, std, n } = meanStd([2, 4, 4, 4, 5, 5, 7, 9])
    expect(mean).toBe(5)
    expect(std).toBeCloseTo(Math.sqrt(32 / 7), 14)
    expect(n).toBe(8)
  })

  it('leaves out values that are not finite, gives 0 spread for one value and NaN for none', () => {
    expect(meanStd([1, NaN, 3, Infinity])).toEqual({ mean: 2, std: Math.SQRT2, n: 2 })
    expect(meanStd([0.25])).toEqual({ mean: 0.25, std: 0, n: 1 })
    const none = meanStd([NaN])
    expect(none.n).toBe(0)
    expect(none.mean).toBeNaN()
  })
})

describe('seed bands', () => {
  it('reads a curve between its points linearly, and nowhere outside them', () => {
    const curve = { x: [0, 10, 20], y: [0, 10, 30] }
    expect(valueAt(curve, 2.5)).toBeCloseTo(2.5, 12)
    expect(valueAt(curve, 15)).toBeCloseTo(20, 12)
    expect(valueAt(curve, 20)).toBe(30)
    expect(valueAt(curve, -1)).toBeNaN()
    expect(valueAt(curve, 21)).toBeNaN()
  })

  it('is mean ± std of the seeds at each step when they log at the same steps', () => {
    const x = [1, 2, 3]
    const seeds = [
      { x, y: [3, 2, 1] },
      { x, y: [5, 2, 2] },
      { x, y: [4, 5, 0] }
    ]
    const band = seedBand(seeds)
    expect(band.x).toEqual(x)
    x.forEach((_, i) => {
      const ys = seeds.map((s) => s.y[i])
      const mean = ys.reduce((a, b) => a + b) / 3
      const std = Math.sqrt(ys.reduce((a, y) => a + (y - mean) ** 2, 0) / 2)
      expect(band.mean[i]).toBeCloseTo(mean, 12)
      expect(band.lower[i]).toBeCloseTo(mean - std, 12)
      expect(band.upper[i]).toBeCloseTo(mean + std, 12)
      expect(band.n[i]).toBe(3)
    })
  })

  it('reads seeds logged at other x values (wall times) on the longest one, where they reach', () => {
    // Straight lines y = a·x: interpolation is exact, so at x the seeds give a·x.
    const slopes = [1, 2, 4]
    const grids = [
      [0, 1, 2, 3, 4, 5, 6, 7, 8],
      [0.5, 2.5, 5.5],
      [0, 3, 6]
    ]
    const curves = grids.map((xs, k) => ({ x: xs, y: xs.map((x) => slopes[k] * x) }))
    const band = seedBand(curves)
    expect(band.x).toEqual(grids[0])
    band.x.forEach((x, i) => {
      const reached = slopes.filter((_, k) => x >= grids[k][0] && x <= grids[k].at(-1)!)
      const values = reached.map((a) => a * x)
      const mean = values.reduce((a, b) => a + b) / values.length
      expect(band.n[i]).toBe(values.length)
      expect(band.mean[i]).toBeCloseTo(mean, 12)
    })
    // At x = 4 all three reach: values 4, 8, 16.
    const at4 = band.x.indexOf(4)
    expect(band.upper[at4] - band.mean[at4]).toBeCloseTo(
      Math.sqrt(((4 - 28 / 3) ** 2 + (8 - 28 / 3) ** 2 + (16 - 28 / 3) ** 2) / 2),
      12
    )
  })

  it('is empty without curves', () => {
    expect(seedBand([]).x).toEqual([])
    expect(seedBand([{ x: [], y: [] }]).x).toEqual([])
  })
})

describe('a metric over a run’s epochs', () => {
  it('takes the lowest loss as best and the highest accuracy', () => {
    expect(summarize([0.5, 0.3, 0.4], 'val_loss')).toEqual({
      best: 0.3,
      last: 0.4,
      min: 0.3,
      max: 0.5
    })
    expect(summarize([0.8, 0.9, 0.85], 'accuracy')).toEqual({
      best: 0.9,
      last: 0.85,
      min: 0.8,
      max: 0.9
    })
    expect(higherIsBetter('val_accuracy')).toBe(true)
    expect(higherIsBetter('mae')).toBe(false)
  })

  it('skips missing values, keeps a diverged last one, and is null before any epoch', () => {
    const diverged = summarize([1.2, 0.9, null], 'loss')!
    expect(diverged.best).toBe(0.9)
    expect(diverged.last).toBeNaN()
    expect(summarize([], 'loss')).toBeNull()
    expect(summarize([null], 'loss')!.min).toBeNaN()
  })
})
