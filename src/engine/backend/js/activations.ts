import type { PointwiseActivation } from '../types'
import { erfc } from './erf'

/** 1/(1 + e^-x), written so that neither branch overflows. */
export function sigmoidOf(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x))
  const e = Math.exp(x)
  return e / (1 + e)
}

const INV_SQRT2 = Math.SQRT1_2
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI)

/** log(1 + e^x) = max(x, 0) + log1p(e^-|x|), stable for large |x|. */
const softplusOf = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))

/** Exact GELU, x·Φ(x) with Φ the normal CDF (Keras's default approximate=false), and its slope. */
const geluOf = (x: number): number => 0.5 * x * erfc(-x * INV_SQRT2)
const geluSlope = (x: number): number =>
  0.5 * erfc(-x * INV_SQRT2) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x)

// f and f' are short switches rather than a table of functions: the JIT inlines them into the
// loops, so relu's and linear's values are never boxed on their way back (a table's calls would
// allocate a heap number for almost every element).

/** f(x); alpha is leaky_relu's slope and elu's scale. */
function activate(f: PointwiseActivation, x: number, alpha: number): number {
  switch (f) {
    case 'linear':
      return x
    case 'relu':
      return x > 0 ? x : 0
    case 'leaky_relu':
      return x > 0 ? x : alpha * x
    case 'elu':
      return x > 0 ? x : alpha * Math.expm1(x)
    case 'sigmoid':
      return sigmoidOf(x)
    case 'tanh':
      return Math.tanh(x)
    case 'softplus':
      return softplusOf(x)
    case 'gelu':
      return geluOf(x)
  }
}

/** f'(x), given x and y = f(x) (elu, sigmoid and tanh reuse y). */
function derivative(f: PointwiseActivation, x: number, y: number, alpha: number): number {
  switch (f) {
    case 'linear':
      return 1
    case 'relu':
      return x > 0 ? 1 : 0
    case 'leaky_relu':
      return x > 0 ? 1 : alpha
    case 'elu':
      return x > 0 ? 1 : y + alpha
    case 'sigmoid':
      return y * (1 - y)
    case 'tanh':
      return 1 - y * y
    case 'softplus':
      return sigmoidOf(x)
    case 'gelu':
      return geluSlope(x)
  }
}

/**
 * y = f(z + bias), the sum rounded to float32 first as a separate add would store it. alpha is
 * a float32 like every other operand (TensorFlow multiplies by it in float32).
 */
export function biasActivation(
  f: PointwiseActivation,
  alpha: number,
  rows: number,
  width: number,
  z: Float32Array,
  bias: Float32Array | null,
  y: Float32Array
): void {
  const a = Math.fround(alpha)
  for (let r = 0, i = 0; r < rows; r++) {
    for (let j = 0; j < width; j++, i++) {
      y[i] = activate(f, bias === null ? z[i] : Math.fround(z[i] + bias[j]), a)
    }
  }
}

/** d = gy·f'(x), rounded to float32 as the gradient an activation node would store; gz += d, gBias += d. */
export function biasActivationBackward(
  f: PointwiseActivation,
  alpha: number,
  rows: number,
  width: number,
  z: Float32Array,
  bias: Float32Array | null,
  y: Float32Array,
  gy: Float32Array,
  gz: Float32Array | null,
  gBias: Float32Array | null
): void {
  const a = Math.fround(alpha)
  for (let r = 0, i = 0; r < rows; r++) {
    for (let j = 0; j < width; j++, i++) {
      const x = bias === null ? z[i] : Math.fround(z[i] + bias[j])
      const d = Math.fround(gy[i] * derivative(f, x, y[i], a))
      if (gz !== null) gz[i] += d
      if (gBias !== null) gBias[j] += d
    }
  }
}
