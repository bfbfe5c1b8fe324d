import { gradOf, record } from '../autodiff'
import type { Tensor } from '../tensor'
import { erfc } from './erf'
import { unary } from './unary'

export type ActivationName =
  'linear' | 'relu' | 'leaky_relu' | 'elu' | 'sigmoid' | 'tanh' | 'softmax' | 'softplus' | 'gelu'

/** The identity: no node, the input itself. */
export const linear = (x: Tensor): Tensor => x

export const relu = (a: Tensor): Tensor =>
  unary(
    a,
    (x) => (x > 0 ? x : 0),
    (x) => (x > 0 ? 1 : 0)
  )

/** Keras's leaky_relu activation uses a negative slope of 0.2. */
export const leakyRelu = (a: Tensor, alpha = 0.2): Tensor =>
  unary(
    a,
    (x) => (x > 0 ? x : alpha * x),
    (x) => (x > 0 ? 1 : alpha)
  )

export const elu = (a: Tensor, alpha = 1): Tensor =>
  unary(
    a,
    (x) => (x > 0 ? x : alpha * Math.expm1(x)),
    (x, y) => (x > 0 ? 1 : y + alpha)
  )

/** 1/(1 + e^-x), written so that neither branch overflows. */
export function sigmoidOf(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x))
  const e = Math.exp(x)
  return e / (1 + e)
}

export const sigmoid = (a: Tensor): Tensor => unary(a, sigmoidOf, (_x, y) => y * (1 - y))

export const tanh = (a: Tensor): Tensor => unary(a, Math.tanh, (_x, y) => 1 - y * y)

/** log(1 + e^x) = max(x, 0) + log1p(e^-|x|), stable for large |x|; its derivative is sigmoid. */
export const softplus = (a: Tensor): Tensor =>
  unary(a, (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), sigmoidOf)

const INV_SQRT2 = Math.SQRT1_2
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI)

/** Exact GELU, x·Φ(x) with Φ the normal CDF (Keras's default approximate=false). */
export const gelu = (a: Tensor): Tensor =>
  unary(
    a,
    (x) => 0.5 * x * erfc(-x * INV_SQRT2),
    (x) => 0.5 * erfc(-x * INV_SQRT2) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x)
  )

/** Softmax over the last axis, shifted by the row maximum so exp never overflows. */
export function softmax(a: Tensor): Tensor {
  const width = a.shape.length === 0 ? 1 : a.shape[a.shape.length - 1]
  const rows = width === 0 ? 0 : a.size / width
  return record(a.shape, [a], (out) => ({
    forward() {
      softmaxRows(a.data, out.data, rows, width)
    },
    backward() {
      // dx = y ⊙ (dy − Σ dy·y) per row.
      const ga = gradOf(a)
      if (ga === null) return
      const y = out.data
      const gy = out.grad!
      for (let r = 0; r < rows; r++) {
        const o = r * width
        let dot = 0
        for (let j = 0; j < width; j++) dot += gy[o + j] * y[o + j]
        for (let j = 0; j < width; j++) ga[o + j] += y[o + j] * (gy[o + j] - dot)
      }
    }
  }))
}

/** Writes the softmax of each row of x into y; returns nothing, allocates nothing. */
export function softmaxRows(x: Float32Array, y: Float32Array, rows: number, width: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * width
    let max = -Infinity
    for (let j = 0; j < width; j++) if (x[o + j] > max) max = x[o + j]
    let total = 0
    for (let j = 0; j < width; j++) {
      const e = Math.exp(x[o + j] - max)
      y[o + j] = e
      total += e
    }
    for (let j = 0; j < width; j++) y[o + j] /= total
  }
}

export function activation(name: ActivationName, x: Tensor): Tensor {
  switch (name) {
    case 'linear':
      return linear(x)
    case 'relu':
      return relu(x)
    case 'leaky_relu':
      return leakyRelu(x)
    case 'elu':
      return elu(x)
    case 'sigmoid':
      return sigmoid(x)
    case 'tanh':
      return tanh(x)
    case 'softmax':
      return softmax(x)
    case 'softplus':
      return softplus(x)
    case 'gelu':
      return gelu(x)
  }
}
