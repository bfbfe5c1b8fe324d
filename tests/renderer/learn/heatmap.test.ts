import { describe, expect, it } from 'vitest'
import type { Rgb } from '../../../src/renderer/components/charts/colors'
import { gridCentres, heatmapPixels, squareBounds } from '../../../src/renderer/learn/heatmap'

const red: Rgb = [255, 0, 0]
const blue: Rgb = [0, 0, 255]
const white: Rgb = [255, 255, 255]

describe('decision-boundary heatmap', () => {
  it('frames the points in a square window with a margin', () => {
    const b = squareBounds([Float32Array.from([0, 0, 4, 1]), Float32Array.from([2, -1])], 0.25)
    expect(b.xMax - b.xMin).toBeCloseTo(b.yMax - b.yMin, 9)
    expect(b.xMax - b.xMin).toBeCloseTo(4 * 1.5, 6)
    expect((b.xMin + b.xMax) / 2).toBeCloseTo(2, 6)
    expect((b.yMin + b.yMax) / 2).toBeCloseTo(0, 6)
  })

  it('falls back to [-1, 1]² without points', () => {
    expect(squareBounds([new Float32Array(0)])).toEqual({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 })
  })

  it('lays the grid out row by row from the top, at the centres of the cells', () => {
    const g = gridCentres({ xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, 4, 2)
    expect([...g.subarray(0, 4)]).toEqual([0.5, 1.5, 1.5, 1.5])
    expect([...g.subarray(14, 16)]).toEqual([3.5, 0.5])
  })

  it('paints a certain cell in its class colour at full strength, a 50/50 cell faintly', () => {
    const probs = Float32Array.from([1, 0, 0, 1, 0.5, 0.5])
    const px = heatmapPixels(probs, 2, [red, blue], white, 1)
    expect([...px.subarray(0, 4)]).toEqual([255, 0, 0, 255])
    expect([...px.subarray(4, 8)]).toEqual([0, 0, 255, 255])
    // Purple (127.5, 0, 127.5) laid over white at opacity 0.15.
    const alpha = 0.15
    const expected = [255 + alpha * (127.5 - 255), 255 * (1 - alpha), 255 + alpha * (127.5 - 255)]
    expected.forEach((v, ch) => expect(Math.abs(px[8 + ch] - v)).toBeLessThanOrEqual(1))
  })
})
