import { gradOf, record } from '../autodiff'
import { getBackend } from '../backend/index'
import type { PointwiseActivation } from '../backend/types'
import { formatShape, type Tensor } from '../tensor'

export { sigmoidOf } from '../backend/js/activations'

export type ActivationName = PointwiseActivation | 'softmax'

/** Keras's defaults: leaky_relu's negative slope 0.2 (its activation function), elu's scale 1. */
const DEFAULT_ALPHA: Partial<Record<PointwiseActivation, number>> = { leaky_relu: 0.2, elu: 1 }

/**
 * y = f(z + bias) as one node: the bias add and the activation in one pass over the output, and
 * in the backward one pass for the activation's derivative, z's gradient and the bias gradient
 * (column sums). bias has z's shape without the batch axis (a Dense bias [F] against [N, F]),
 * or is null. `alpha` is leaky_relu's slope or elu's scale.
 */
export function biasActivation(
  z: Tensor,
  bias: Tensor | null,
  f: PointwiseActivation,
  alpha = DEFAULT_ALPHA[f] ?? 0
): Tensor {
  if (bias === null && f === 'linear') return z
  const width = bias === null ? z.size : bias.size
  if (bias !== null && !isBiasFor(z, bias)) {
    throw new Error(
      `bias: cannot add ${formatShape(bias.shape)} to ${formatShape(z.shape)}; ` +
        'the bias must have the shape without the batch axis'
    )
  }
  const rows = width === 0 ? 0 : z.size / width
  const biasData = bias === null ? null : bias.data
  return record(z.shape, bias === null ? [z] : [z, bias], (out) => ({
    forward() {
      getBackend().biasActivation(f, alpha, rows, width, z.data, biasData, out.data)
    },
    backward() {
      const gz = gradOf(z)
      const gBias = bias === null ? null : gradOf(bias)
      if (gz === null && gBias === null) return
      getBackend().biasActivationBackward(
        f,
        alpha,
        rows,
        width,
        z.data,
        biasData,
        out.data,
        out.grad!,
        gz,
        gBias
      )
    }
  }))
}

/** b has a's shape without its first (batch) axis. */
export function isBiasFor(a: Tensor, b: Tensor): boolean {
  return b.shape.length === a.shape.length - 1 && b.shape.every((d, i) => d === a.shape[i + 1])
}

/** The identity: no node, the input itself. */
export const linear = (x: Tensor): Tensor => x

export const relu = (a: Tensor): Tensor => biasActivation(a, null, 'relu')

/** Keras's leaky_relu activation uses a negative slope of 0.2. */
export const leakyRelu = (a: Tensor, alpha = 0.2): Tensor =>
  biasActivation(a, null, 'leaky_relu', alpha)

export const elu = (a: Tensor, alpha = 1): Tensor => biasActivation(a, null, 'elu', alpha)

export const sigmoid = (a: Tensor): Tensor => biasActivation(a, null, 'sigmoid')

export const tanh = (a: Tensor): Tensor => biasActivation(a, null, 'tanh')

/** log(1 + e^x), computed stably for large |x|; its derivative is sigmoid. */
export const softplus = (a: Tensor): Tensor => biasActivation(a, null, 'softplus')

/** Exact GELU, x·Φ(x) with Φ the normal CDF (Keras's default approximate=false). */
export const gelu = (a: Tensor): Tensor => biasActivation(a, null, 'gelu')

/** Softmax over the last axis, shifted by the row maximum so exp never overflows. */
export function softmax(a: Tensor): Tensor {
  const width = a.shape.length === 0 ? 1 : a.shape[a.shape.length - 1]
  const rows = width === 0 ? 0 : a.size / width
  return record(a.shape, [a], (out) => ({
    forward() {
      getBackend().softmax(rows, width, a.data, out.data)
    },
    backward() {
      // dx = y ⊙ (dy − Σ dy·y) per row.
      const ga = gradOf(a)
      if (ga !== null) getBackend().softmaxBackward(rows, width, out.data, out.grad!, ga)
    }
  }))
}

export function activation(name: ActivationName, x: Tensor): Tensor {
  return name === 'softmax' ? softmax(x) : biasActivation(x, null, name)
}
