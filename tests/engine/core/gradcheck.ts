import { expect } from 'vitest'
import { mul, sum } from '../../../src/engine/ops/index'
import { Rng } from '../../../src/engine/random'
import { Tensor, type Shape } from '../../../src/engine/tensor'

export interface Input {
  values: ArrayLike<number>
  shape: Shape
}

export interface Tolerance {
  /** Step of the central difference. */
  h?: number
  atol?: number
  rtol?: number
}

/**
 * Checks the engine's gradient of f against central differences. A tensor-valued f is reduced to
 * L = Σ wᵢ·f(x)ᵢ with fixed uneven weights, so the whole vector-Jacobian product is exercised.
 * The numeric side evaluates f's forward through the engine (float32) and forms L and the
 * difference quotient in float64, dividing by the step actually taken after float32 rounding.
 */
export function gradcheck(
  f: (...xs: Tensor[]) => Tensor,
  inputs: Input[],
  { h = 1e-3, atol = 3e-4, rtol = 3e-3 }: Tolerance = {}
): void {
  const leaves = inputs.map((x) => Tensor.fromArray(x.values, x.shape, true))
  const y = f(...leaves)
  const weights = unevenWeights(y.size)
  const loss = y.size === 1 ? y : sum(mul(y, Tensor.fromArray(weights, y.shape)))
  loss.backward()

  const objective = (values: Float32Array[]): number => {
    const out = f(...values.map((v, i) => Tensor.fromArray(v, inputs[i].shape)))
    let total = 0
    for (let j = 0; j < out.size; j++) total += (y.size === 1 ? 1 : weights[j]) * out.data[j]
    return total
  }
  const base = inputs.map((x) => Float32Array.from(x.values))
  inputs.forEach((input, which) => {
    const analytic = leaves[which].grad!
    for (let j = 0; j < base[which].length; j++) {
      const x0 = base[which][j]
      const up = Math.fround(x0 + h)
      const down = Math.fround(x0 - h)
      base[which][j] = up
      const fUp = objective(base)
      base[which][j] = down
      const fDown = objective(base)
      base[which][j] = x0
      const numeric = (fUp - fDown) / (up - down)
      const error = Math.abs(analytic[j] - numeric)
      expect(
        error,
        `input ${which} ${JSON.stringify(input.shape)}[${j}]: analytic ${analytic[j]} numeric ${numeric}`
      ).toBeLessThanOrEqual(atol + rtol * Math.abs(numeric))
    }
  })
}

/** Weights 0.5, 1.3, −0.7, … — fixed, uneven, both signs. */
function unevenWeights(n: number): Float64Array {
  const w = new Float64Array(n)
  for (let i = 0; i < n; i++) w[i] = [0.5, 1.3, -0.7, 0.9, -1.1][i % 5]
  return w
}

/** Values uniform in [low, high), from a fixed seed. */
export function uniform(shape: Shape, low = -1, high = 1, seed = 1): Input {
  const rng = new Rng(seed)
  const n = shape.reduce((p, d) => p * d, 1)
  return { values: Array.from({ length: n }, () => rng.uniform(low, high)), shape }
}

/** Values with |x| in [low, high) and random signs: away from the kinks at 0 of relu, abs, …. */
export function awayFromZero(shape: Shape, low = 0.2, high = 1, seed = 2): Input {
  const rng = new Rng(seed)
  const n = shape.reduce((p, d) => p * d, 1)
  const values = Array.from(
    { length: n },
    () => (rng.next() < 0.5 ? -1 : 1) * rng.uniform(low, high)
  )
  return { values, shape }
}
