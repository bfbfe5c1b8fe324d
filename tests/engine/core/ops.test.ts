import { describe, expect, it } from 'vitest'
import {
  abs,
  add,
  div,
  dropout,
  elu,
  exp,
  gelu,
  leakyRelu,
  linear,
  log,
  matmul,
  mean,
  mul,
  neg,
  pow,
  relu,
  scale,
  sigmoid,
  softmax,
  softplus,
  sqrt,
  square,
  sub,
  sum,
  tanh,
  activation,
  type ActivationName
} from '../../../src/engine/ops/index'
import { Rng } from '../../../src/engine/random'
import { Tensor } from '../../../src/engine/tensor'
import { awayFromZero, gradcheck, uniform } from './gradcheck'

describe('gradient checks: matmul', () => {
  const cases: [boolean, boolean][] = [
    [false, false],
    [true, false],
    [false, true],
    [true, true]
  ]
  for (const [transA, transB] of cases) {
    it(`transA=${transA} transB=${transB}`, () => {
      const [m, k, n] = [3, 4, 5]
      const a = uniform(transA ? [k, m] : [m, k], -1, 1, 11)
      const b = uniform(transB ? [n, k] : [k, n], -1, 1, 12)
      gradcheck((x, y) => matmul(x, y, transA, transB), [a, b])
    })
  }

  it('a square product of a tensor with itself (both gradients land in one buffer)', () => {
    gradcheck((x) => matmul(x, x, true, false), [uniform([3, 3], -1, 1, 13)])
  })
})

describe('gradient checks: arithmetic and broadcasting', () => {
  const ops = { add, sub, mul, div }
  // div's denominator stays away from zero.
  const right = (shape: number[], seed: number) => awayFromZero(shape, 0.5, 1.5, seed)
  for (const [name, op] of Object.entries(ops)) {
    it(`${name}: same shapes`, () => {
      gradcheck(op, [uniform([2, 3], -1, 1, 21), right([2, 3], 22)])
    })
    it(`${name}: [N,F] with a bias [F] over the batch`, () => {
      gradcheck(op, [uniform([4, 3], -1, 1, 23), right([3], 24)])
    })
    it(`${name}: with a scalar`, () => {
      gradcheck(op, [uniform([2, 3], -1, 1, 25), right([], 26)])
    })
  }

  it('the same tensor on both sides: mul(x, x) has gradient 2x', () => {
    gradcheck((x) => mul(x, x), [uniform([5], -1, 1, 27)])
  })
})

describe('gradient checks: unary maths', () => {
  it('neg', () => gradcheck(neg, [uniform([2, 3])]))
  it('scale', () => gradcheck((x) => scale(x, -2.5), [uniform([2, 3])]))
  it('exp', () => gradcheck(exp, [uniform([2, 3])]))
  it('log', () => gradcheck(log, [uniform([2, 3], 0.5, 2)]))
  it('sqrt', () => gradcheck(sqrt, [uniform([2, 3], 0.5, 2)]))
  it('pow', () => gradcheck((x) => pow(x, 2.5), [uniform([2, 3], 0.5, 1.5)]))
  it('pow with a negative exponent', () => gradcheck((x) => pow(x, -1.5), [uniform([4], 0.5, 1.5)]))
  it('abs', () => gradcheck(abs, [awayFromZero([2, 3])]))
  it('square', () => gradcheck(square, [uniform([2, 3])]))
})

describe('gradient checks: dropout', () => {
  it('through the kept units (a fresh Rng of one seed redraws the same mask each evaluation)', () =>
    gradcheck((x) => dropout(x, 0.3, new Rng(5), true), [uniform([4, 5])]))

  it('keeps about 1 − rate of the units and scales them by 1/(1 − rate)', () => {
    const y = dropout(Tensor.fromArray(new Array(10000).fill(1), [10000]), 0.3, new Rng(9), true)
    const kept = y.data.filter((v) => v !== 0)
    expect(kept.length / 10000).toBeCloseTo(0.7, 1)
    expect(kept.every((v) => Math.abs(v - 1 / 0.7) < 1e-6)).toBe(true)
  })
})

describe('gradient checks: reductions', () => {
  const x = uniform([3, 4], -1, 1, 31)
  for (const [name, op] of Object.entries({ sum, mean })) {
    it(`${name} over all elements`, () => gradcheck((t) => op(t), [x]))
    it(`${name} over axis 0`, () => gradcheck((t) => op(t, 0), [x]))
    it(`${name} over axis 1`, () => gradcheck((t) => op(t, 1), [x]))
    it(`${name} over axis 1 of a rank-3 tensor, keeping dims`, () =>
      gradcheck((t) => op(t, 1, true), [uniform([2, 3, 2], -1, 1, 32)]))
    it(`${name} over axis -1`, () => gradcheck((t) => op(t, -1), [x]))
  }
})

describe('gradient checks: activations', () => {
  const kinked: Record<string, (t: Tensor) => Tensor> = {
    relu,
    leakyRelu: (t) => leakyRelu(t, 0.1),
    elu: (t) => elu(t, 0.7)
  }
  for (const [name, f] of Object.entries(kinked)) {
    it(name, () => gradcheck(f, [awayFromZero([3, 4], 0.2, 2)]))
  }
  const smooth: Record<string, (t: Tensor) => Tensor> = { sigmoid, tanh, softplus, gelu, softmax }
  for (const [name, f] of Object.entries(smooth)) {
    it(name, () => gradcheck(f, [uniform([3, 4], -3, 3)]))
  }
  it('softmax over the last axis of a rank-3 tensor', () =>
    gradcheck(softmax, [uniform([2, 2, 3], -2, 2)]))

  const names: ActivationName[] = [
    'linear',
    'relu',
    'leaky_relu',
    'elu',
    'sigmoid',
    'tanh',
    'softmax',
    'softplus',
    'gelu'
  ]
  for (const name of names) {
    it(`activation('${name}')`, () =>
      gradcheck((t) => activation(name, t), [awayFromZero([2, 3], 0.2, 2)]))
  }
})

describe('values against float64 formulas', () => {
  const xs = [-6, -3.5, -1.2, -0.3, 0, 0.4, 1.7, 3.3, 6]
  const run = (f: (t: Tensor) => Tensor) => Array.from(f(Tensor.fromArray(xs, [xs.length])).data)
  const close = (actual: number[], expected: number[], rel = 2e-6) =>
    actual.forEach((a, i) =>
      expect(Math.abs(a - expected[i]), `at ${xs[i]}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(
        rel * Math.abs(expected[i]) + 1e-12
      )
    )

  it('gelu is x·Φ(x) with the exact erf', () => {
    const near = [-4, -2.5, -1.2, -0.3, 0, 0.4, 1.7, 3.3, 6]
    const y = gelu(Tensor.fromArray(near, [near.length])).data
    near.forEach((x, i) => {
      const expected = 0.5 * x * (1 + erf64(x / Math.SQRT2))
      expect(Math.abs(y[i] - expected)).toBeLessThanOrEqual(2e-6 * Math.abs(expected))
    })
    // Far in the tail 1 + erf cancels; Φ(−6) = 9.865876450377e-10 (normal CDF tables).
    const tail = gelu(Tensor.fromArray([-6], [1])).item()
    expect(tail / (-6 * 9.865876450377e-10)).toBeCloseTo(1, 6)
  })
  it('sigmoid, tanh, softplus, elu, leaky relu, relu', () => {
    close(
      run(sigmoid),
      xs.map((x) => 1 / (1 + Math.exp(-x)))
    )
    close(run(tanh), xs.map(Math.tanh))
    close(
      run(softplus),
      xs.map((x) => Math.log(1 + Math.exp(x)))
    )
    close(
      run((t) => elu(t, 0.5)),
      xs.map((x) => (x > 0 ? x : 0.5 * (Math.exp(x) - 1)))
    )
    close(
      run((t) => leakyRelu(t)),
      xs.map((x) => (x > 0 ? x : 0.2 * x))
    )
    close(
      run(relu),
      xs.map((x) => Math.max(x, 0))
    )
  })
  it('sigmoid and softplus stay finite far out', () => {
    const far = Tensor.fromArray([-200, 200], [2])
    expect(Array.from(sigmoid(far).data)).toEqual([0, 1])
    expect(Array.from(softplus(far).data)).toEqual([0, 200])
  })
  it('softmax rows sum to one and survive huge logits', () => {
    const y = softmax(Tensor.fromArray([1000, 1001, 1002, -5, 0, 5], [2, 3])).data
    const e = [Math.exp(-2), Math.exp(-1), 1]
    const z = e[0] + e[1] + e[2]
    close(
      Array.from(y.slice(0, 3)),
      e.map((v) => v / z)
    )
    expect(y[3] + y[4] + y[5]).toBeCloseTo(1, 6)
  })
  it('linear is the identity and records nothing', () => {
    const x = Tensor.fromArray([1, 2], [2])
    expect(linear(x)).toBe(x)
  })
  it('sum and mean over axes', () => {
    const x = Tensor.fromArray([1, 2, 3, 4, 5, 6], [2, 3])
    expect(Array.from(sum(x, 0).data)).toEqual([5, 7, 9])
    expect(sum(x, 0).shape).toEqual([3])
    expect(Array.from(mean(x, 1).data)).toEqual([2, 5])
    expect(mean(x, 1, true).shape).toEqual([2, 1])
    expect(sum(x).shape).toEqual([])
    expect(sum(x).item()).toBe(21)
    expect(mean(x, undefined, true).shape).toEqual([1, 1])
  })
  it('log of non-positive values gives -Infinity/NaN and its backward does not throw', () => {
    const x = Tensor.fromArray([0, -1], [2], true)
    const y = log(x)
    expect(y.data[0]).toBe(-Infinity)
    expect(Number.isNaN(y.data[1])).toBe(true)
    expect(() => sum(y).backward()).not.toThrow()
  })
})

describe('shape errors', () => {
  it('add names both shapes when it cannot broadcast', () => {
    const a = Tensor.zeros([2, 3])
    expect(() => add(a, Tensor.zeros([2]))).toThrow(/\[2,3\].*\[2\]/)
    expect(() => mul(Tensor.zeros([3]), Tensor.zeros([2, 3]))).toThrow(/mul.*\[3\].*\[2,3\]/)
  })
  it('matmul names both shapes on an inner-dimension mismatch', () => {
    expect(() => matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))).toThrow(/\[2,3\].*\[4,5\]/)
    expect(() => matmul(Tensor.zeros([3]), Tensor.zeros([3, 1]))).toThrow(/\[3\]/)
  })
  it('reductions reject an axis out of range', () => {
    expect(() => sum(Tensor.zeros([2, 3]), 2)).toThrow(/axis 2.*\[2,3\]/)
  })
})

/** erf by its Maclaurin series, in float64 (absolute error ~1e-13 for |x| ≤ 3). */
function erf64(x: number): number {
  let term = x
  let total = x
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n
    total += term / (2 * n + 1)
  }
  return (2 / Math.sqrt(Math.PI)) * total
}
