import { sigmoidOf } from '../ops/activations'
import type { Tensor } from '../tensor'
import { assertSameShape, clipProbability, insideClip, lossNode } from './node'

/**
 * A loss that is the mean of ℓ(p, y) over every element: Keras's mean over the last axis, then
 * over the batch, which is the same number when every row has the same width.
 */
function meanOfElements(
  name: string,
  yPred: Tensor,
  yTrue: Tensor,
  loss: (p: number, y: number) => number,
  dloss: (p: number, y: number) => number
): Tensor {
  assertSameShape(name, yPred, yTrue)
  const n = yPred.size
  return lossNode(
    yPred,
    yTrue,
    () => {
      const p = yPred.data
      const y = yTrue.data
      let total = 0
      for (let i = 0; i < n; i++) total += loss(p[i], y[i])
      return total / n
    },
    (g, gp) => {
      const p = yPred.data
      const y = yTrue.data
      const s = g / n
      for (let i = 0; i < n; i++) gp[i] += s * dloss(p[i], y[i])
    }
  )
}

export const meanSquaredError = (yPred: Tensor, yTrue: Tensor): Tensor =>
  meanOfElements(
    'mean_squared_error',
    yPred,
    yTrue,
    (p, y) => (p - y) * (p - y),
    (p, y) => 2 * (p - y)
  )

export const meanAbsoluteError = (yPred: Tensor, yTrue: Tensor): Tensor =>
  meanOfElements(
    'mean_absolute_error',
    yPred,
    yTrue,
    (p, y) => Math.abs(p - y),
    (p, y) => Math.sign(p - y)
  )

/** ½e² where |e| ≤ δ, δ(|e| − ½δ) beyond: quadratic near the target, linear far from it. */
export const huber = (yPred: Tensor, yTrue: Tensor, delta = 1): Tensor =>
  meanOfElements(
    'huber',
    yPred,
    yTrue,
    (p, y) => {
      const e = Math.abs(p - y)
      return e <= delta ? 0.5 * e * e : delta * (e - 0.5 * delta)
    },
    (p, y) => {
      const e = p - y
      return Math.abs(e) <= delta ? e : delta * Math.sign(e)
    }
  )

/**
 * From probabilities as Keras: p clipped to [ε, 1 − ε], −(y log p + (1 − y) log(1 − p)).
 * From logits the stable form max(x, 0) − x·y + log(1 + e^−|x|), whose derivative is σ(x) − y.
 */
export function binaryCrossentropy(yPred: Tensor, yTrue: Tensor, fromLogits = false): Tensor {
  if (fromLogits) {
    return meanOfElements(
      'binary_crossentropy',
      yPred,
      yTrue,
      (x, y) => Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x))),
      (x, y) => sigmoidOf(x) - y
    )
  }
  return meanOfElements(
    'binary_crossentropy',
    yPred,
    yTrue,
    (p, y) => {
      const c = clipProbability(p)
      return -(y * Math.log(c) + (1 - y) * Math.log(1 - c))
    },
    (p, y) => (insideClip(p) ? (1 - y) / (1 - p) - y / p : 0)
  )
}
