import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  function1d,
  functions1d,
  valueAndSlope,
  valuesAt
} from '../../../src/renderer/learn/demos/functions1d'
import { reference1d } from './reference'

/** float32 arithmetic: a few ulps of the largest term involved. */
const close = (actual: number, expected: number, scale: number): void =>
  expect(Math.abs(actual - expected)).toBeLessThan(1e-5 * Math.max(1, Math.abs(scale)))

describe('1D functions', () => {
  test.each(functions1d.map((fn) => [fn.id, fn] as const))(
    '%s: the autodiff slope matches the analytic derivative across the domain',
    (id, fn) => {
      const [lo, hi] = fn.domain
      fc.assert(
        fc.property(fc.double({ min: lo, max: hi, noNaN: true }), (x) => {
          const xf = Math.fround(x)
          const { value, slope } = valueAndSlope(fn, xf)
          close(value, reference1d[id].f(xf), xf ** 4)
          close(slope, reference1d[id].df(xf), Math.abs(xf) ** 3 * 3)
        }),
        { numRuns: 200 }
      )
    }
  )

  test('a vector of points evaluates like one point at a time', () => {
    const fn = function1d('twoValleys')
    const xs = [-3, -2, -0.5, 0, 1.5, 3]
    const ys = valuesAt(fn, xs)
    xs.forEach((x, i) => close(ys[i], reference1d.twoValleys.f(x), x ** 4))
  })

  test('the listed minima are where the derivative vanishes and the curve bends up', () => {
    for (const fn of functions1d) {
      const { f, df } = reference1d[fn.id]
      for (const m of fn.minima) {
        expect(Math.abs(df(m.x))).toBeLessThan(1e-12)
        expect(f(m.x - 1e-3)).toBeGreaterThan(f(m.x))
        expect(f(m.x + 1e-3)).toBeGreaterThan(f(m.x))
      }
      const lowest = Math.min(...fn.minima.map((m) => f(m.x)))
      for (const m of fn.minima) expect(m.global).toBe(f(m.x) - lowest < 1e-12)
    }
  })

  test('the two-valley curve has a local minimum clearly above its global one', () => {
    const { f } = reference1d.twoValleys
    expect(f(1.5) - f(-2)).toBeGreaterThan(1.5)
  })
})
