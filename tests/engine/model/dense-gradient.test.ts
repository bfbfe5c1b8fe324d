import { describe, expect, it } from 'vitest'
import { Dense } from '../../../src/engine/layers/index'
import { add, mul, sum, type ActivationName } from '../../../src/engine/ops/index'
import { Rng } from '../../../src/engine/random'
import { Tensor } from '../../../src/engine/tensor'

const N = 5
const IN = 4
const UNITS = 3
const L1 = 0.01
const L2 = 0.05

/** Float64 activations, written from their definitions (leaky_relu with Keras's slope 0.2). */
const ACTIVATIONS: Record<string, (row: number[]) => number[]> = {
  linear: (z) => z,
  relu: (z) => z.map((v) => Math.max(v, 0)),
  leaky_relu: (z) => z.map((v) => (v > 0 ? v : 0.2 * v)),
  elu: (z) => z.map((v) => (v > 0 ? v : Math.exp(v) - 1)),
  sigmoid: (z) => z.map((v) => 1 / (1 + Math.exp(-v))),
  tanh: (z) => z.map(Math.tanh),
  softplus: (z) => z.map((v) => Math.log(1 + Math.exp(v))),
  softmax: (z) => {
    const m = Math.max(...z)
    const e = z.map((v) => Math.exp(v - m))
    const s = e.reduce((a, b) => a + b, 0)
    return e.map((v) => v / s)
  }
}

/** f = Σ c ⊙ act(x·W + b) + l1·Σ|W| + l2·ΣW², in float64. */
function reference(act: string, x: number[], w: number[], b: number[], c: number[]): number {
  let f = 0
  for (let n = 0; n < N; n++) {
    const z: number[] = []
    for (let j = 0; j < UNITS; j++) {
      let s = b[j]
      for (let i = 0; i < IN; i++) s += x[n * IN + i] * w[i * UNITS + j]
      z.push(s)
    }
    ACTIVATIONS[act](z).forEach((y, j) => (f += c[n * UNITS + j] * y))
  }
  for (const v of w) f += L1 * Math.abs(v) + L2 * v * v
  return f
}

/** Central differences of `f` with respect to each entry of `values`, in float64. */
function numericGradient(values: number[], f: (v: number[]) => number, h = 1e-5): number[] {
  return values.map((_, k) => {
    const plus = values.slice()
    const minus = values.slice()
    plus[k] += h
    minus[k] -= h
    return (f(plus) - f(minus)) / (2 * h)
  })
}

function expectClose(actual: Float32Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length)
  expected.forEach((e, k) =>
    expect(Math.abs(actual[k] - e)).toBeLessThan(2e-4 * Math.max(1, Math.abs(e)))
  )
}

describe('Dense gradients against finite differences', () => {
  it.each(Object.keys(ACTIVATIONS))('kernel, bias and input through %s with L1 + L2', (act) => {
    const rng = new Rng(2024)
    const dense = new Dense({
      units: UNITS,
      activation: act as ActivationName,
      biasInitializer: { class_name: 'RandomNormal', config: { stddev: 0.5 } },
      kernelRegularizer: { l1: L1, l2: L2 }
    })
    dense.build([IN], rng)
    const xValues = Array.from({ length: N * IN }, () => rng.normal())
    const cValues = Array.from({ length: N * UNITS }, () => rng.normal())
    const x = Tensor.fromArray(xValues, [N, IN], true)
    const c = Tensor.fromArray(cValues, [N, UNITS])
    const loss = add(sum(mul(dense.call(x), c)), dense.regularizationLoss()!)

    // The weights as float32 stored them: the reference must start from the same point.
    const w = [...dense.kernel.data]
    const b = [...dense.bias!.data]
    const xs = [...x.data]
    expect(loss.item()).toBeCloseTo(reference(act, xs, w, b, cValues), 4)
    loss.backward()

    expectClose(
      dense.kernel.grad!,
      numericGradient(w, (v) => reference(act, xs, v, b, cValues))
    )
    expectClose(
      dense.bias!.grad!,
      numericGradient(b, (v) => reference(act, xs, w, v, cValues))
    )
    expectClose(
      x.grad!,
      numericGradient(xs, (v) => reference(act, v, w, b, cValues))
    )
  })

  it('has kernel [in, out] and bias [out]; no bias with use_bias false', () => {
    const dense = new Dense({ units: 7 })
    dense.build([3], new Rng(1))
    expect(dense.kernel.shape).toEqual([3, 7])
    expect(dense.bias!.shape).toEqual([7])
    const noBias = new Dense({ units: 7, useBias: false })
    noBias.build([3], new Rng(1))
    expect(noBias.bias).toBeNull()
    expect(noBias.weights.map((w) => w.name)).toEqual(['dense/kernel'])
    expect(noBias.regularizationLoss()).toBeNull()
  })

  it('rejects a batch of the wrong width with a clear message', () => {
    const dense = new Dense({ units: 2, name: 'hidden' })
    dense.build([3], new Rng(1))
    expect(() => dense.call(Tensor.zeros([4, 5]))).toThrow(
      /hidden: expected input \(None, 3\), got \[4, 5\]/
    )
    expect(() => new Dense({ units: 2 }).call(Tensor.zeros([1, 3]))).toThrow(/not built/)
  })
})
