import { gradOf, record } from '../autodiff'
import { formatShape, type Tensor } from '../tensor'

/**
 * A loss as one node: `value` computes the scalar from yPred and yTrue; `addGrad(g, gp)` adds
 * g·∂loss/∂yPred into gp. Targets are data, so no gradient flows into yTrue.
 */
export function lossNode(
  yPred: Tensor,
  yTrue: Tensor,
  value: () => number,
  addGrad: (g: number, gp: Float32Array) => void
): Tensor {
  return record([], [yPred, yTrue], (out) => ({
    forward() {
      out.data[0] = value()
    },
    backward() {
      const gp = gradOf(yPred)
      if (gp !== null) addGrad(out.grad![0], gp)
    }
  }))
}

export function assertSameShape(name: string, yPred: Tensor, yTrue: Tensor): void {
  const same =
    yPred.shape.length === yTrue.shape.length && yPred.shape.every((d, i) => d === yTrue.shape[i])
  if (!same) {
    throw new Error(
      `${name}: predictions ${formatShape(yPred.shape)} and targets ${formatShape(yTrue.shape)} differ in shape`
    )
  }
}

/** Keras clips probabilities to [ε, 1 − ε] in float32 before taking logs. */
export const EPSILON = Math.fround(1e-7)
export const ONE_MINUS_EPSILON = Math.fround(1 - 1e-7)

export function clipProbability(p: number): number {
  return p < EPSILON ? EPSILON : p > ONE_MINUS_EPSILON ? ONE_MINUS_EPSILON : p
}

/** Where the clip passes its gradient through (TensorFlow's clip_by_value: the closed interval). */
export function insideClip(p: number): boolean {
  return p >= EPSILON && p <= ONE_MINUS_EPSILON
}
