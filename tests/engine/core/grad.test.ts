import { describe, expect, it } from 'vitest'
import { grad, valueAndGrad } from '../../../src/engine/grad'
import { add, mul, scale, square, sub, sum } from '../../../src/engine/ops/index'
import { Tensor } from '../../../src/engine/tensor'

const one = Tensor.scalar(1)
/** Rosenbrock's banana: (1 − x)² + 100·(y − x²)². */
const rosenbrock = (x: Tensor, y: Tensor): Tensor =>
  add(square(sub(one, x)), scale(square(sub(y, square(x))), 100))

describe('grad(f)', () => {
  it('Rosenbrock: matches the analytic gradient at several points', () => {
    const df = grad(rosenbrock)
    for (const [x, y] of [
      [-1.2, 1],
      [0.5, 0.25],
      [1, 1],
      [2, -1]
    ]) {
      const [gx, gy] = df(x, y)
      const ex = -2 * (1 - x) - 400 * x * (y - x * x)
      const ey = 200 * (y - x * x)
      expect(gx.shape).toEqual([])
      expect(gx.item()).toBeCloseTo(ex, 3)
      expect(gy.item()).toBeCloseTo(ey, 3)
    }
  })

  it('valueAndGrad returns the value too', () => {
    const { value, grads } = valueAndGrad(rosenbrock)(-1.2, 1)
    expect(value).toBeCloseTo(2.2 ** 2 + 100 * (1 - 1.44) ** 2, 4)
    expect(grads.length).toBe(2)
  })

  it('accepts arrays and tensors, returns gradients shaped like them, leaves tensors untouched', () => {
    // f(v, w) = Σ v³ + Σ w², so ∂f/∂v = 3v² and ∂f/∂w = 2w.
    const f = (v: Tensor, w: Tensor) => add(sum(mul(square(v), v)), sum(square(w)))
    const w = Tensor.fromArray([1, 2, 3, 4], [2, 2])
    const [gv, gw] = grad(f)([1, -2, 0.5, 3], w)
    expect(gv.shape).toEqual([4])
    expect(Array.from(gv.data)).toEqual([3, 12, 0.75, 27])
    expect(gw.shape).toEqual([2, 2])
    expect(Array.from(gw.data)).toEqual([2, 4, 6, 8])
    expect(w.grad).toBeNull()
    expect(w.requiresGrad).toBe(false)
  })

  it('an argument f ignores gets a zero gradient; the identity gets one', () => {
    const [ga, gb] = grad((a: Tensor) => square(a))(3, 5)
    expect(ga.item()).toBe(6)
    expect(gb.item()).toBe(0)
    expect(grad((a: Tensor) => a)(4)[0].item()).toBe(1)
  })

  it('needs a scalar f', () => {
    expect(() => grad((a: Tensor) => square(a))([1, 2])).toThrow(/scalar/)
  })
})
