import { describe, expect, test, vi } from 'vitest'
import { canvasDrag } from '../../../src/renderer/learn/plot/canvas'
import { mix, parseHex } from '../../../src/renderer/learn/plot/colors'
import {
  bandOf,
  contourImage,
  contourLevels,
  gridPoints
} from '../../../src/renderer/learn/plot/contours'
import { niceTicks } from '../../../src/renderer/learn/plot/ticks'
import { paddedRange, viewport } from '../../../src/renderer/learn/plot/viewport'

describe('viewport', () => {
  const vp = viewport({ x: { min: -2, max: 2 }, y: { min: 0, max: 10 } }, 400, 300, {
    left: 40,
    right: 10,
    top: 10,
    bottom: 20
  })

  test('maps the box onto the plot area, y upward', () => {
    expect(vp.px(-2)).toBe(40)
    expect(vp.px(2)).toBe(390)
    expect(vp.py(0)).toBe(280)
    expect(vp.py(10)).toBe(10)
  })

  test('pixels map back to data', () => {
    for (const x of [-2, -0.5, 1.7]) expect(vp.x(vp.px(x))).toBeCloseTo(x, 12)
    for (const y of [0, 3.3, 10]) expect(vp.y(vp.py(y))).toBeCloseTo(y, 12)
  })

  test('padded ranges ignore non-finite values and are never empty', () => {
    expect(paddedRange([0, 10, Infinity, NaN], 0.1)).toEqual({ min: -1, max: 11 })
    expect(paddedRange([3, 3], 0.5)).toEqual({ min: 1.5, max: 4.5 })
    expect(paddedRange([])).toEqual({ min: 0, max: 1 })
  })
})

describe('ticks', () => {
  test('steps of 1, 2 or 5 times a power of ten, inside the range', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10])
    expect(niceTicks(-3.2, 3.2, 6)).toEqual([-3, -2, -1, 0, 1, 2, 3])
    expect(niceTicks(0.1, 0.35, 5)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35])
  })
})

describe('contours', () => {
  test('grid points are pixel centres, top row first', () => {
    const { xs, ys } = gridPoints({ x: { min: 0, max: 4 }, y: { min: 0, max: 2 } }, 4, 2)
    expect([...xs]).toEqual([0.5, 1.5, 2.5, 3.5, 0.5, 1.5, 2.5, 3.5])
    expect([...ys]).toEqual([1.5, 1.5, 1.5, 1.5, 0.5, 0.5, 0.5, 0.5])
  })

  test('linear levels are evenly spaced strictly inside the range', () => {
    expect(contourLevels([0, 10], 4, false)).toEqual([2, 4, 6, 8])
  })

  test('log levels are evenly spaced in log10 of the height above the minimum', () => {
    const levels = contourLevels([1, 1001], 5, true)
    const logs = levels.map((l) => Math.log10(l - 1))
    for (let i = 1; i < logs.length; i++) expect(logs[i] - logs[i - 1]).toBeCloseTo(1, 9)
    expect(logs[0]).toBeCloseTo(-2, 9)
  })

  test('a value’s band counts the levels at or below it', () => {
    const levels = [1, 2, 3]
    expect([0, 1, 1.5, 3, 9].map((v) => bandOf(v, levels))).toEqual([0, 1, 1, 3, 3])
  })

  test('bands shade from low to high, and band edges are drawn as lines', () => {
    const style = {
      low: [0, 0, 0],
      high: [200, 200, 200],
      line: [255, 0, 0],
      lineAlpha: 1
    } as const
    // One row: two pixels in band 0, two in band 2 (of levels [1, 2]).
    const rgba = contourImage([0, 0, 5, 5], 4, 1, [1, 2], style)
    const pixel = (i: number): number[] => [...rgba.slice(i * 4, i * 4 + 4)]
    expect(pixel(0)).toEqual([0, 0, 0, 255])
    expect(pixel(1)).toEqual([255, 0, 0, 255]) // its right neighbour is in another band
    expect(pixel(2)).toEqual([200, 200, 200, 255])
    expect(pixel(3)).toEqual([200, 200, 200, 255])
  })
})

describe('colours', () => {
  test('hex colours parse, short and long', () => {
    expect(parseHex('#2f5fd0')).toEqual([47, 95, 208])
    expect(parseHex('#fff')).toEqual([255, 255, 255])
    expect(parseHex('rgb(1 2 3)')).toEqual([128, 128, 128])
  })

  test('mixing goes in a straight line between two colours', () => {
    expect(mix([0, 100, 200], [100, 100, 0], 0.25)).toEqual([25, 100, 150])
  })
})

describe('dragging on a canvas', () => {
  // A 300 × 150 canvas drawn at 600 × 300 CSS pixels, its corner at (10, 20) on the page.
  const setPointerCapture = vi.fn()
  const canvas = {
    getBoundingClientRect: () => ({ left: 10, top: 20, width: 600, height: 300 }),
    setPointerCapture
  } as unknown as HTMLCanvasElement
  const at = (clientX: number, clientY: number) =>
    ({ clientX, clientY, pointerId: 7 }) as PointerEvent

  test('follows the held pointer in the canvas’s own units, from press to release', () => {
    const moves: [number, number][] = []
    const hooks = { start: vi.fn(), end: vi.fn() }
    const drag = canvasDrag(
      () => canvas,
      300,
      150,
      (px, py) => moves.push([px, py]),
      hooks
    )
    drag.onPointerMove(at(100, 100))
    expect(moves).toEqual([])
    drag.onPointerDown(at(310, 170))
    expect(hooks.start).toHaveBeenCalledOnce()
    expect(setPointerCapture).toHaveBeenCalledWith(7)
    expect(drag.isDragging()).toBe(true)
    drag.onPointerMove(at(610, 320))
    drag.onPointerUp()
    drag.onPointerUp()
    drag.onPointerMove(at(10, 20))
    // (310 − 10) / 600 · 300 = 150, (170 − 20) / 300 · 150 = 75; the far corner is (300, 150).
    expect(moves).toEqual([
      [150, 75],
      [300, 150]
    ])
    expect(hooks.end).toHaveBeenCalledOnce()
    expect(drag.isDragging()).toBe(false)
  })
})
