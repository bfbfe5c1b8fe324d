import { describe, expect, it } from 'vitest'
import { parseColor } from '../../../../src/renderer/components/charts/colors'
import { decimate } from '../../../../src/renderer/components/charts/decimate'
import { smoothDebiased } from '../../../../src/renderer/components/charts/smoothing'

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i)

describe('decimation', () => {
  it('keeps a short series whole', () => {
    expect(decimate([0, 1, 2], [5, 4, 3], 10)).toEqual([
      { x: 0, y: 5 },
      { x: 1, y: 4 },
      { x: 2, y: 3 }
    ])
  })

  it('keeps each run’s lowest and highest point, in order, within the budget', () => {
    const xs = range(10_000)
    const ys = xs.map((i) => Math.sin(i / 37) + (i % 7 === 0 ? 3 : 0))
    const points = decimate(xs, ys, 500)
    expect(points.length).toBeLessThanOrEqual(500)
    expect(points.length).toBeGreaterThan(400)
    for (let i = 1; i < points.length; i++) expect(points[i].x).toBeGreaterThan(points[i - 1].x)
    expect(Math.max(...points.map((p) => p.y))).toBe(Math.max(...ys))
    expect(Math.min(...points.map((p) => p.y))).toBe(Math.min(...ys))
    const run = Math.ceil(10_000 / 250)
    const third = points.filter((p) => p.x >= 2 * run && p.x < 3 * run).map((p) => p.y)
    const slice = ys.slice(2 * run, 3 * run)
    expect(third.sort()).toEqual([Math.min(...slice), Math.max(...slice)].sort())
  })

  it('leaves out values a canvas cannot draw', () => {
    expect(decimate([0, 1, 2, 3], [1, NaN, Infinity, 2], 10)).toEqual([
      { x: 0, y: 1 },
      { x: 3, y: 2 }
    ])
  })
})

describe('debiased smoothing', () => {
  it('equals the weighted mean Σ w^(t−i)·y_i / Σ w^(t−i) at every step', () => {
    const ys = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
    const w = 0.8
    const smoothed = smoothDebiased(ys, w)
    ys.forEach((_, t) => {
      let num = 0
      let den = 0
      for (let i = 0; i <= t; i++) {
        num += w ** (t - i) * ys[i]
        den += w ** (t - i)
      }
      expect(smoothed[t]).toBeCloseTo(num / den, 12)
    })
  })

  it('has no start-up bias and is the identity at weight 0', () => {
    expect(smoothDebiased([2, 2, 2], 0.99)).toEqual([2, 2, 2].map(() => expect.closeTo(2, 12)))
    expect(smoothDebiased([1, 5, 2], 0)).toEqual([1, 5, 2])
  })

  it('passes non-finite values through without disturbing the average', () => {
    const s = smoothDebiased([1, NaN, 3], 0.5)
    expect(s[1]).toBeNaN()
    expect(s[2]).toBeCloseTo((0.5 * 1 + 3) / 1.5, 12)
    expect(() => smoothDebiased([1], 1)).toThrow(RangeError)
  })
})

describe('theme colours', () => {
  it('reads the colours computed styles give', () => {
    expect(parseColor('#2f5fd0')).toEqual([0x2f, 0x5f, 0xd0])
    expect(parseColor(' #abc')).toEqual([0xaa, 0xbb, 0xcc])
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3])
    expect(parseColor('rgba(10 20 30 / 50%)')).toEqual([10, 20, 30])
    expect(() => parseColor('blue')).toThrow(/not a colour/)
  })
})
