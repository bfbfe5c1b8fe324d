import { describe, expect, it } from 'vitest'
import {
  chartLines,
  groupBands,
  legendOf,
  linePoints
} from '../../../src/renderer/compare/chart-layout'

const x = [1, 2, 3]
const curves = [
  { x, y: [1, 2, 3] },
  { x, y: [3, 4, 5] },
  { x, y: [10, 10, 10] }
]
const groups = [
  { label: 'sgd', members: [0, 1] },
  { label: 'adam', members: [2] }
]

describe('the comparison chart’s lines', () => {
  it('draws one line a run, each in its own colour, smoothed as asked', () => {
    const lines = chartLines(['a', 'b'], null, { smoothing: 0.6, perSeed: false })
    expect(lines.map((l) => [l.series.label, l.series.color, l.series.smoothing])).toEqual([
      ['a', 1, 0.6],
      ['b', 2, 0.6]
    ])
    expect(linePoints(lines[1].source, curves, [], 0.6)).toBe(curves[1])
  })

  it('draws a seed group as a shaded band between faint edges around its mean', () => {
    const lines = chartLines(['a', 'b', 'c'], groups, { perSeed: false })
    expect(lines.map((l) => l.source)).toEqual([
      { kind: 'lower', group: 0 },
      { kind: 'upper', group: 0 },
      { kind: 'mean', group: 0 },
      { kind: 'run', run: 2, presmoothed: false }
    ])
    expect(lines[1].series.fillTo).toBe(0)
    expect(lines[0].series.faint && lines[1].series.faint).toBe(true)
    expect(lines.map((l) => l.series.color)).toEqual([1, 1, 1, 2])
    expect(legendOf(lines)).toEqual(['sgd (mean ± std of 2)', 'adam'])
    // Seeds [1, 2, 3] and [3, 4, 5]: mean 2, 3, 4 and sample std √2 at every step.
    const bands = groupBands(curves, groups)
    expect(linePoints(lines[2].source, curves, bands).y).toEqual([2, 3, 4])
    linePoints(lines[1].source, curves, bands).y.forEach((y, i) =>
      expect(y).toBeCloseTo(2 + i + Math.SQRT2, 12)
    )
    linePoints(lines[0].source, curves, bands).y.forEach((y, i) =>
      expect(y).toBeCloseTo(2 + i - Math.SQRT2, 12)
    )
  })

  it('adds each seed faintly behind its band when asked, smoothing seeds before the band', () => {
    const lines = chartLines(['a', 'b', 'c'], groups, { perSeed: true, smoothing: 0.5 })
    expect(lines.slice(0, 2).map((l) => l.source)).toEqual([
      { kind: 'run', run: 0, presmoothed: true },
      { kind: 'run', run: 1, presmoothed: true }
    ])
    expect(lines[3].series.fillTo).toBe(2)
    // Debiased EMA with w = 0.5 of [1, 2, 3]: 1, (0.25 + 1) / 0.75 = 5/3, (0.125 + 0.5 + 1.5) / 0.875.
    const seed = linePoints(lines[0].source, curves, [], 0.5).y
    expect(seed[0]).toBeCloseTo(1, 12)
    expect(seed[1]).toBeCloseTo(5 / 3, 12)
    expect(seed[2]).toBeCloseTo(2.125 / 0.875, 12)
    const bands = groupBands(curves, groups, 0.5)
    // The second seed is the first plus 2 everywhere, so is its smoothed curve: the mean is +1.
    expect(bands[0].mean[2]).toBeCloseTo(2.125 / 0.875 + 1, 12)
  })
})
