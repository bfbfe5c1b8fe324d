import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { valueAndGrad } from '../../../src/engine/grad'
import { surfaces, surfaceValues } from '../../../src/renderer/learn/demos/surfaces2d'
import { reference2d } from './reference'

describe('2D loss surfaces', () => {
  test.each(surfaces.map((s) => [s.id, s] as const))(
    '%s: the engine’s value and gradient match the analytic ones over the domain',
    (id, s) => {
      const lossAndGrad = valueAndGrad(s.f)
      fc.assert(
        fc.property(
          fc.double({ min: s.domain.x.min, max: s.domain.x.max, noNaN: true }),
          fc.double({ min: s.domain.y.min, max: s.domain.y.max, noNaN: true }),
          (a, b) => {
            const p: [number, number] = [Math.fround(a), Math.fround(b)]
            const { value, grads } = lossAndGrad(p[0], p[1])
            const f = reference2d[id].f(p)
            const [gx, gy] = reference2d[id].grad(p)
            // float32 all the way: relative to the size of the terms (Beale's reach 1e5).
            const scale = Math.max(1, Math.abs(f), Math.abs(gx), Math.abs(gy))
            expect(Math.abs(value - f)).toBeLessThan(1e-4 * scale)
            expect(Math.abs(grads[0].item() - gx)).toBeLessThan(1e-4 * scale)
            expect(Math.abs(grads[1].item() - gy)).toBeLessThan(1e-4 * scale)
          }
        ),
        { numRuns: 100 }
      )
    }
  )

  test('each stated minimum is a zero of the gradient with the stated value', () => {
    for (const s of surfaces) {
      if (!s.minimum) continue
      const p: [number, number] = [...s.minimum.point]
      expect(reference2d[s.id].f(p)).toBeCloseTo(s.minimum.value, 12)
      for (const g of reference2d[s.id].grad(p)) expect(Math.abs(g)).toBeLessThan(1e-12)
      expect(s.target).toBeGreaterThan(s.minimum.value)
    }
  })

  test('starts lie inside the drawn domain, away from the minimum', () => {
    for (const s of surfaces) {
      const [x, y] = s.start
      expect(x).toBeGreaterThanOrEqual(s.domain.x.min)
      expect(x).toBeLessThanOrEqual(s.domain.x.max)
      expect(y).toBeGreaterThanOrEqual(s.domain.y.min)
      expect(y).toBeLessThanOrEqual(s.domain.y.max)
      expect(reference2d[s.id].f([x, y])).toBeGreaterThan(s.target)
    }
  })

  test('a grid of points evaluates in one pass like point by point', () => {
    for (const s of surfaces) {
      const xs = [s.domain.x.min, 0.3, s.domain.x.max]
      const ys = [s.domain.y.max, -0.7, s.domain.y.min]
      const values = surfaceValues(s, xs, ys)
      xs.forEach((x, i) => {
        const f = reference2d[s.id].f([x, ys[i]])
        expect(Math.abs(values[i] - f)).toBeLessThan(1e-5 * Math.max(1, Math.abs(f)))
      })
    }
  })
})
