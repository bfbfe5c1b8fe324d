import { describe, expect, test } from 'vitest'
import { function1d, functions1d } from '../../../src/renderer/learn/demos/functions1d'
import { linearApproximation, tangentAt } from '../../../src/renderer/learn/demos/tangent'
import { reference1d } from './reference'

/** Second derivatives, analytic, for the error's leading term f″(p)·ε²/2. */
const secondDerivative = {
  square: () => 2,
  cosine: (x: number) => -Math.cos(x),
  twoValleys: (x: number) => 3 * x * x + x - 3
}

describe('tangent and linear approximation', () => {
  test('the tangent at p has the value and slope of the function there', () => {
    const fn = function1d('cosine')
    const t = tangentAt(fn, 1)
    expect(t.value).toBeCloseTo(Math.cos(1), 6)
    expect(t.slope).toBeCloseTo(-Math.sin(1), 6)
  })

  test('each row compares f(p) + a·ε with the true f(p + ε)', () => {
    const fn = function1d('twoValleys')
    const t = tangentAt(fn, 0.8)
    for (const row of linearApproximation(fn, t)) {
      expect(row.linear).toBeCloseTo(t.value + t.slope * row.epsilon, 12)
      expect(row.exact).toBeCloseTo(reference1d.twoValleys.f(0.8 + row.epsilon), 5)
      expect(row.error).toBeCloseTo(Math.abs(row.exact - row.linear), 12)
    }
  })

  test.each(functions1d.map((fn) => [fn.id, fn] as const))(
    '%s: the error shrinks like ε² — halving ε quarters it, and error/ε² → |f″(p)|/2',
    (id, fn) => {
      const p = 0.7
      const epsilons = [0.1, 0.05, 0.025]
      const errors = linearApproximation(fn, tangentAt(fn, p), epsilons).map((r) => r.error)
      expect(errors[0] / errors[1]).toBeGreaterThan(3.5)
      expect(errors[0] / errors[1]).toBeLessThan(4.5)
      expect(errors[1] / errors[2]).toBeGreaterThan(3.5)
      expect(errors[1] / errors[2]).toBeLessThan(4.5)
      const leading = Math.abs(secondDerivative[id](p)) / 2
      expect(errors[2] / 0.025 ** 2).toBeCloseTo(leading, 1)
    }
  )

  test('the default table grows ε from 0.01 to 1 and the error grows with it', () => {
    const fn = function1d('twoValleys')
    const rows = linearApproximation(fn, tangentAt(fn, -1))
    expect(rows.map((r) => r.epsilon)).toEqual([0.01, 0.1, 0.5, 1])
    for (let i = 1; i < rows.length; i++) expect(rows[i].error).toBeGreaterThan(rows[i - 1].error)
  })
})
