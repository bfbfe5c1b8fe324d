import type { LossName } from './losses/index'

/**
 * Metrics: no gradients, plain loops over predictions laid out [n, outDim]. metricSum returns the
 * SUM over the n samples, so an epoch keeps a running total and reports total / samples.
 */
export type MetricName =
  | 'accuracy'
  | 'categorical_accuracy'
  | 'sparse_categorical_accuracy'
  | 'binary_accuracy'
  | 'top_k_categorical_accuracy'
  | 'mse'
  | 'mae'

const CONCRETE: readonly MetricName[] = [
  'categorical_accuracy',
  'sparse_categorical_accuracy',
  'binary_accuracy',
  'top_k_categorical_accuracy',
  'mse',
  'mae'
]

const ALIASES: Readonly<Record<string, MetricName>> = {
  mean_squared_error: 'mse',
  mean_absolute_error: 'mae',
  top_k: 'top_k_categorical_accuracy'
}

/**
 * The concrete metric for a name; 'accuracy' (or 'acc') becomes the accuracy that fits the loss,
 * as Keras picks it: binary for binary cross-entropy, sparse for sparse targets, else categorical.
 */
export function resolveMetric(name: string, loss: LossName): MetricName {
  const key = name.trim().toLowerCase()
  if (key === 'accuracy' || key === 'acc') {
    if (loss === 'binary_crossentropy') return 'binary_accuracy'
    if (loss === 'sparse_categorical_crossentropy') return 'sparse_categorical_accuracy'
    return 'categorical_accuracy'
  }
  const found = ALIASES[key] ?? CONCRETE.find((m) => m === key)
  if (found === undefined) {
    throw new Error(`Unknown metric "${name}"; expected accuracy, ${CONCRETE.join(', ')}`)
  }
  return found
}

/**
 * Σ over n samples of the metric. yPred holds n × outDim values; yTrue holds n × outDim values, or
 * n class indices for sparse_categorical_accuracy. 'accuracy' itself counts as categorical.
 */
export function metricSum(
  name: MetricName,
  yPred: Float32Array,
  yTrue: Float32Array,
  n: number,
  outDim: number,
  k = 5
): number {
  let total = 0
  for (let i = 0; i < n; i++) {
    const o = i * outDim
    switch (name) {
      case 'accuracy':
      case 'categorical_accuracy':
        total += argmax(yPred, o, outDim) === argmax(yTrue, o, outDim) ? 1 : 0
        break
      case 'sparse_categorical_accuracy':
        total += argmax(yPred, o, outDim) === yTrue[i] ? 1 : 0
        break
      case 'top_k_categorical_accuracy':
        total += inTopK(yPred, o, outDim, argmax(yTrue, o, outDim), k) ? 1 : 0
        break
      case 'binary_accuracy':
        total += rowMean(yPred, yTrue, o, outDim, (p, y) => ((p > 0.5 ? 1 : 0) === y ? 1 : 0))
        break
      case 'mse':
        total += rowMean(yPred, yTrue, o, outDim, (p, y) => (p - y) * (p - y))
        break
      case 'mae':
        total += rowMean(yPred, yTrue, o, outDim, (p, y) => Math.abs(p - y))
        break
    }
  }
  return total
}

/** Index of the first largest value of row x[o .. o + width). */
export function argmax(x: Float32Array, o: number, width: number): number {
  let best = 0
  for (let j = 1; j < width; j++) if (x[o + j] > x[o + best]) best = j
  return best
}

/**
 * TensorFlow's in_top_k: the target is in the top k when fewer than k classes score strictly
 * higher, so ties at the boundary count in; a non-finite target score never does.
 */
function inTopK(p: Float32Array, o: number, width: number, target: number, k: number): boolean {
  const score = p[o + target]
  if (!Number.isFinite(score)) return false
  let higher = 0
  for (let j = 0; j < width; j++) if (p[o + j] > score) higher++
  return higher < k
}

function rowMean(
  p: Float32Array,
  y: Float32Array,
  o: number,
  width: number,
  f: (p: number, y: number) => number
): number {
  let total = 0
  for (let j = o; j < o + width; j++) total += f(p[j], y[j])
  return total / width
}
