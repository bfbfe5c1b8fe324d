import { describe, expect, it } from 'vitest'
import {
  binaryCrossentropy,
  categoricalCrossentropy,
  computeLoss,
  huber,
  meanAbsoluteError,
  meanSquaredError,
  resolveLoss,
  softmaxCrossEntropy,
  sparseCategoricalCrossentropy,
  sparseSoftmaxCrossEntropy
} from '../../../src/engine/losses/index'
import { softmax } from '../../../src/engine/ops/index'
import { Tensor, type Shape } from '../../../src/engine/tensor'
import { gradcheck, uniform, type Input } from './gradcheck'

const t = (values: ArrayLike<number>, shape: Shape) => Tensor.fromArray(values, shape)
const oneHot: Input = { values: [0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0], shape: [4, 3] }
const labels = [1, 0, 2, 1]
const probs: Input = uniform([4, 3], 0.05, 1, 41)
const EPS = 1e-7

describe('gradient checks: losses', () => {
  it('softmax cross-entropy, fused, one-hot targets', () =>
    gradcheck(
      (x) => softmaxCrossEntropy(x, t(oneHot.values, oneHot.shape)),
      [uniform([4, 3], -2, 2, 42)]
    ))
  it('softmax cross-entropy, fused, soft targets that do not sum to one', () =>
    gradcheck(
      (x) => softmaxCrossEntropy(x, t([0.2, 0.5, 0.1, 0.9, 0, 0.3], [2, 3])),
      [uniform([2, 3], -2, 2, 43)]
    ))
  it('sparse softmax cross-entropy, fused', () =>
    gradcheck((x) => sparseSoftmaxCrossEntropy(x, t(labels, [4])), [uniform([4, 3], -2, 2, 44)]))
  it('categorical cross-entropy from probabilities (unnormalised rows)', () =>
    gradcheck((p) => categoricalCrossentropy(p, t(oneHot.values, oneHot.shape)), [probs]))
  it('categorical cross-entropy from logits', () =>
    gradcheck(
      (x) => categoricalCrossentropy(x, t(oneHot.values, oneHot.shape), true),
      [uniform([4, 3], -2, 2, 45)]
    ))
  it('sparse categorical cross-entropy from probabilities', () =>
    gradcheck((p) => sparseCategoricalCrossentropy(p, t(labels, [4])), [probs]))
  it('sparse categorical cross-entropy from logits', () =>
    gradcheck(
      (x) => sparseCategoricalCrossentropy(x, t(labels, [4]), true),
      [uniform([4, 3], -2, 2, 46)]
    ))
  it('binary cross-entropy from probabilities', () =>
    gradcheck(
      (p) => binaryCrossentropy(p, t([0, 1, 1, 0, 1, 0], [3, 2])),
      [uniform([3, 2], 0.1, 0.9, 47)]
    ))
  it('binary cross-entropy from probabilities, soft targets', () =>
    gradcheck(
      (p) => binaryCrossentropy(p, t([0.2, 0.7, 1, 0.5], [4, 1])),
      [uniform([4, 1], 0.1, 0.9, 48)]
    ))
  it('binary cross-entropy from logits', () =>
    gradcheck(
      (x) => binaryCrossentropy(x, t([0, 1, 1, 0, 0.3, 0.8], [3, 2]), true),
      [uniform([3, 2], -3, 3, 49)]
    ))
  it('mean squared error', () =>
    gradcheck(
      (p) => meanSquaredError(p, t([0.1, -0.4, 0.9, 0.3, -1, 2], [3, 2])),
      [uniform([3, 2], -2, 2, 50)]
    ))
  it('mean absolute error', () =>
    gradcheck(
      (p) => meanAbsoluteError(p, t([0.1, -0.4, 0.9, 0.3, -1, 2], [3, 2])),
      [{ values: [0.5, -1, 0.2, 0.9, 0.4, 1.2], shape: [3, 2] }]
    ))
  it('huber on both sides of delta', () =>
    gradcheck(
      (p) => huber(p, t([0, 0, 0, 0, 0, 0], [3, 2]), 0.8),
      [{ values: [0.3, -0.5, 1.4, -2, 0.7, -0.1], shape: [3, 2] }]
    ))
  it('softmax followed by categorical cross-entropy equals the fused gradient', () => {
    const x = uniform([4, 3], -2, 2, 51)
    const y = t(oneHot.values, oneHot.shape)
    gradcheck((z) => categoricalCrossentropy(softmax(z), y), [x])
    const a = Tensor.fromArray(x.values, x.shape, true)
    const b = Tensor.fromArray(x.values, x.shape, true)
    categoricalCrossentropy(softmax(a), y).backward()
    softmaxCrossEntropy(b, y).backward()
    a.grad!.forEach((g, i) => expect(g).toBeCloseTo(b.grad![i], 6))
  })
})

describe('loss values', () => {
  const keras = {
    yTrue: t([0, 1, 0, 0], [2, 2]),
    yPred: t([0.6, 0.4, 0.4, 0.6], [2, 2])
  }

  it('categorical cross-entropy: the Keras docstring fixture (a zero probability is clipped)', () => {
    // keras.losses.CategoricalCrossentropy docs: 1.1769392.
    const loss = categoricalCrossentropy(
      t([0.05, 0.95, 0, 0.1, 0.8, 0.1], [2, 3]),
      t([0, 1, 0, 0, 0, 1], [2, 3])
    )
    expect(loss.item()).toBeCloseTo(1.1769392, 6)
  })

  it('categorical cross-entropy: normalise rows, clip to [1e-7, 1 − 1e-7], in float64', () => {
    const p = [2, 1, 1, 0, 0, 1, 0.3, 0.3, 0.4]
    const y = [1, 0, 0, 1, 0, 0, 0.5, 0, 0.5]
    let expected = 0
    for (let r = 0; r < 3; r++) {
      const row = p.slice(3 * r, 3 * r + 3)
      const mass = row[0] + row[1] + row[2]
      row.forEach((v, j) => {
        const q = Math.min(Math.max(v / mass, EPS), 1 - EPS)
        expected -= y[3 * r + j] * Math.log(q)
      })
    }
    expect(categoricalCrossentropy(t(p, [3, 3]), t(y, [3, 3])).item()).toBeCloseTo(expected / 3, 5)
    // The second row's true class has probability 0: its term is −log(1e-7) ≈ 16.118.
    expect(expected / 3).toBeGreaterThan(16.118 / 3)
  })

  it('softmax cross-entropy from logits: logsumexp − x, stable for large logits', () => {
    const x = [1000, 0, -1000, 1, 2, 3]
    const y = [0, 1, 0, 0, 0, 1]
    const lse1 = 1000 + Math.log(1 + Math.exp(-1000) + Math.exp(-2000))
    const lse2 = 3 + Math.log(Math.exp(-2) + Math.exp(-1) + 1)
    const expected = (lse1 - 0 + (lse2 - 3)) / 2
    expect(softmaxCrossEntropy(t(x, [2, 3]), t(y, [2, 3])).item()).toBeCloseTo(expected, 3)
    expect(sparseSoftmaxCrossEntropy(t(x, [2, 3]), t([1, 2], [2])).item()).toBeCloseTo(expected, 3)
  })

  it('sparse categorical cross-entropy from probabilities: the Keras docstring fixture', () => {
    // tf.keras.losses.SparseCategoricalCrossentropy docs: 0.3239 (rows need not sum to one).
    const loss = sparseCategoricalCrossentropy(
      t([0.9, 0.05, 0.05, 0.5, 0.89, 0.6, 0.05, 0.01, 0.94], [3, 3]),
      t([0, 1, 2], [3])
    )
    // The docs print 0.3239; in float64: mean of log(Σp) − log p[label] over the rows.
    const expected =
      (-Math.log(0.9) + Math.log(1.99) - Math.log(0.89) + Math.log(1.0) - Math.log(0.94)) / 3
    expect(loss.item()).toBeCloseTo(expected, 6)
    expect(loss.item()).toBeCloseTo(0.3239, 3)
  })

  it('binary cross-entropy: the Keras docstring fixture and the logits form', () => {
    // keras.losses.BinaryCrossentropy docs: 0.815 on these probabilities.
    expect(binaryCrossentropy(keras.yPred, keras.yTrue).item()).toBeCloseTo(0.815, 3)
    const logits = [-30, 0.5, 2, 40]
    const y = [0, 1, 0.3, 1]
    const expected =
      logits.reduce((s, x, i) => s + Math.log(1 + Math.exp(x)) - x * y[i], 0) / logits.length
    expect(binaryCrossentropy(t(logits, [2, 2]), t(y, [2, 2]), true).item()).toBeCloseTo(
      expected,
      5
    )
  })

  it('binary cross-entropy clips probabilities of exactly 0 and 1 in float32, as Keras', () => {
    const loss = binaryCrossentropy(t([0, 1], [2, 1]), t([1, 0], [2, 1]))
    // float32(1 − 1e-7) = 1 − 2⁻²³, so log(1 − p) bottoms out at log(2⁻²³), not log(1e-7).
    const expected = (-Math.log(Math.fround(EPS)) - Math.log(2 ** -23)) / 2
    expect(loss.item()).toBeCloseTo(expected, 5)
  })

  it('regression losses: the Keras docstring fixtures and float64 formulas', () => {
    // keras.losses.MeanSquaredError / MeanAbsoluteError docs: 0.5 on these predictions.
    const ones = t([1, 1, 1, 0], [2, 2])
    expect(meanSquaredError(ones, keras.yTrue).item()).toBeCloseTo(0.5, 6)
    expect(meanAbsoluteError(ones, keras.yTrue).item()).toBeCloseTo(0.5, 6)
    // keras.losses.Huber docs: 0.155.
    expect(huber(keras.yPred, keras.yTrue).item()).toBeCloseTo(0.155, 6)
    const e = [0.3, -0.5, 1.4, -2]
    const delta = 0.8
    const expected =
      e
        .map((v) => (Math.abs(v) <= delta ? 0.5 * v * v : delta * (Math.abs(v) - 0.5 * delta)))
        .reduce((a, b) => a + b) / 4
    expect(huber(t(e, [2, 2]), t([0, 0, 0, 0], [2, 2]), delta).item()).toBeCloseTo(expected, 6)
  })

  it('a zero loss gradient where the clip is active', () => {
    const p = Tensor.fromArray([0, 1], [1, 2], true)
    binaryCrossentropy(p, t([1, 0], [1, 2])).backward()
    expect(Array.from(p.grad!)).toEqual([0, 0])
  })
})

describe('loss names', () => {
  it('resolves canonical names and aliases, case-insensitively', () => {
    expect(resolveLoss('mse')).toBe('mean_squared_error')
    expect(resolveLoss('MAE')).toBe('mean_absolute_error')
    expect(resolveLoss('categorical_crossentropy')).toBe('categorical_crossentropy')
    expect(resolveLoss('huber')).toBe('huber')
  })
  it('throws a clear error for an unknown loss', () => {
    expect(() => resolveLoss('hinge')).toThrow(/Unknown loss "hinge"/)
  })
  it('computeLoss dispatches by name, fromLogits included', () => {
    const x = t([0.2, -1, 0.5, 1.5, 0.3, -0.2], [2, 3])
    const y = t([0, 0, 1, 1, 0, 0], [2, 3])
    expect(computeLoss('categorical_crossentropy', x, y, true).item()).toBe(
      softmaxCrossEntropy(x, y).item()
    )
    expect(computeLoss('sparse_categorical_crossentropy', x, t([2, 0], [2]), true).item()).toBe(
      sparseSoftmaxCrossEntropy(x, t([2, 0], [2])).item()
    )
    expect(computeLoss('mean_squared_error', x, y).item()).toBe(meanSquaredError(x, y).item())
  })
  it('rejects mismatched shapes and labels that are not class indices', () => {
    expect(() => meanSquaredError(t([1, 2], [2]), t([1, 2], [1, 2]))).toThrow(/\[2\].*\[1,2\]/)
    expect(() => sparseSoftmaxCrossEntropy(t([1, 2, 3], [1, 3]), t([3], [1]))).toThrow(
      /label 3.*\[0, 3\)/
    )
    expect(() => sparseSoftmaxCrossEntropy(t([1, 2, 3], [1, 3]), t([0, 1], [2]))).toThrow(
      /expected 1 class indices/
    )
  })
})
