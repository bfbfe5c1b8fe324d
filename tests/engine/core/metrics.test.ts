import { describe, expect, it } from 'vitest'
import { metricSum, resolveMetric } from '../../../src/engine/metrics'

const f = (values: number[]) => Float32Array.from(values)

describe('metricSum', () => {
  // Three samples, four classes.
  const pred = f([0.1, 0.6, 0.2, 0.1, 0.3, 0.3, 0.4, 0, 0.5, 0.2, 0.2, 0.1])
  const oneHot = f([0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0])

  it('categorical accuracy compares argmaxes (first index wins a tie)', () => {
    // Sample 1: argmax 1 = true 1 ✓. Sample 2: argmax 2 ≠ 0. Sample 3: argmax 0 ≠ 2.
    expect(metricSum('categorical_accuracy', pred, oneHot, 3, 4)).toBe(1)
    const tie = f([0.4, 0.4, 0.2])
    expect(metricSum('categorical_accuracy', tie, f([1, 0, 0]), 1, 3)).toBe(1)
    expect(metricSum('categorical_accuracy', tie, f([0, 1, 0]), 1, 3)).toBe(0)
  })

  it('sparse categorical accuracy reads class indices', () => {
    expect(metricSum('sparse_categorical_accuracy', pred, f([1, 2, 0]), 3, 4)).toBe(3)
    expect(metricSum('sparse_categorical_accuracy', pred, f([1, 0, 2]), 3, 4)).toBe(1)
  })

  it('binary accuracy thresholds at 0.5 and averages over the outputs of each sample', () => {
    const p = f([0.7, 0.2, 0.5, 0.9])
    const y = f([1, 0, 1, 0])
    // Sample 1: both right → 1. Sample 2: 0.5 is not > 0.5 (wrong), 0.9 vs 0 wrong → 0.
    expect(metricSum('binary_accuracy', p, y, 2, 2)).toBe(1)
    expect(metricSum('binary_accuracy', p, y, 4, 1)).toBe(2)
  })

  it('top-k categorical accuracy, ties at the boundary counting in', () => {
    expect(metricSum('top_k_categorical_accuracy', pred, oneHot, 3, 4, 1)).toBe(1)
    // Sample 2 (true 0, score 0.3): only 0.4 is higher → in the top 2. Sample 3 (true 2, 0.2): 0.5 higher, 0.2 ties.
    expect(metricSum('top_k_categorical_accuracy', pred, oneHot, 3, 4, 2)).toBe(3)
    const p = f([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    expect(metricSum('top_k_categorical_accuracy', p, f([1, 0, 0, 0, 0, 0, 0]), 1, 7)).toBe(0)
    expect(metricSum('top_k_categorical_accuracy', p, f([0, 0, 1, 0, 0, 0, 0]), 1, 7)).toBe(1)
  })

  it('mse and mae average over outputs, then sum over samples', () => {
    const p = f([1, 2, 0, 0])
    const y = f([0, 0, 0, 3])
    expect(metricSum('mse', p, y, 2, 2)).toBeCloseTo((1 + 4) / 2 + 9 / 2, 6)
    expect(metricSum('mae', p, y, 2, 2)).toBeCloseTo((1 + 2) / 2 + 3 / 2, 6)
  })

  it('sums over the first n samples only, so an epoch can accumulate batches', () => {
    const first = metricSum('sparse_categorical_accuracy', pred, f([1, 2, 0]), 2, 4)
    expect(first).toBe(2)
  })
})

describe('resolveMetric', () => {
  it("picks the accuracy that fits the loss, as Keras does for 'accuracy'", () => {
    expect(resolveMetric('accuracy', 'categorical_crossentropy')).toBe('categorical_accuracy')
    expect(resolveMetric('acc', 'sparse_categorical_crossentropy')).toBe(
      'sparse_categorical_accuracy'
    )
    expect(resolveMetric('accuracy', 'binary_crossentropy')).toBe('binary_accuracy')
    expect(resolveMetric('accuracy', 'mean_squared_error')).toBe('categorical_accuracy')
  })
  it('accepts concrete names and aliases', () => {
    expect(resolveMetric('top_k_categorical_accuracy', 'huber')).toBe('top_k_categorical_accuracy')
    expect(resolveMetric('mean_absolute_error', 'huber')).toBe('mae')
    expect(resolveMetric('MSE', 'huber')).toBe('mse')
  })
  it('throws a clear error for an unknown metric', () => {
    expect(() => resolveMetric('f1', 'huber')).toThrow(/Unknown metric "f1"/)
  })
})
