/**
 * Gradient clipping as Keras 3 does it (base_optimizer.py), in place, on the backend's kernels.
 * Index loops throughout: this runs every step and must not allocate.
 */
import { getBackend } from '../backend/index'

function scale(g: Float32Array, factor: number): void {
  if (factor !== 1) getBackend().scale(g, factor)
}

/** clipnorm: each gradient g ← g·c / max(‖g‖, c), so its own L2 norm is at most c. */
export function clipEachByNorm(grads: Float32Array[], c: number): void {
  for (let i = 0; i < grads.length; i++) {
    scale(grads[i], c / Math.max(Math.sqrt(getBackend().sumOfSquares(grads[i])), c))
  }
}

/** global_clipnorm: every gradient scaled by c / max(‖all gradients‖, c). */
export function clipByGlobalNorm(grads: Float32Array[], c: number): void {
  let sum = 0
  for (let i = 0; i < grads.length; i++) sum += getBackend().sumOfSquares(grads[i])
  const norm = Math.sqrt(sum)
  // As in Keras, an infinite or NaN norm turns every gradient into NaN rather than into zeros.
  const factor = Number.isFinite(norm) ? c / Math.max(norm, c) : NaN
  for (let i = 0; i < grads.length; i++) scale(grads[i], factor)
}

/** clipvalue: every element clamped into [−c, c]. */
export function clipByValue(grads: Float32Array[], c: number): void {
  for (let i = 0; i < grads.length; i++) getBackend().clamp(grads[i], -c, c)
}
