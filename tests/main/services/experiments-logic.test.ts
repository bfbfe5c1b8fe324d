import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../../../src/contract'
import { aggregate, optimizerLabel } from '../../../src/main/services/experiments/seed-groups'
import { bestLearningRate, logGrid, sweepPoint } from '../../../src/main/services/experiments/sweep'

describe('logGrid', () => {
  it('spaces rates evenly in log scale, ends included', () => {
    expect(logGrid(1e-4, 1e-1, 7)).toEqual([0.0001, 0.000316, 0.001, 0.00316, 0.01, 0.0316, 0.1])
    expect(logGrid(0.01, 1, 2)).toEqual([0.01, 1])
  })
})

describe('aggregate', () => {
  it('gives the mean and the sample standard deviation', () => {
    const { mean, std, n } = aggregate([2, 4, 4, 4, 5, 5, 7, 9])
    expect(mean).toBe(5)
    expect(std).toBeCloseTo(Math.sqrt(32 / 7), 12)
    expect(n).toBe(8)
    expect(aggregate([3])).toEqual({ mean: 3, std: 0, n: 1 })
  })
})

describe('optimizerLabel', () => {
  it('names the optimizer and its settings in a stable order', () => {
    expect(optimizerLabel({ name: 'sgd', config: { momentum: 0.9, learning_rate: 0.01 } })).toBe(
      'sgd lr=0.01 momentum=0.9'
    )
    expect(optimizerLabel({ name: 'adam', config: {} })).toBe('adam')
  })
})

describe('sweep scoring', () => {
  const run = (over: Partial<RunRecord>): RunRecord =>
    ({
      id: 1,
      status: 'completed',
      finalMetrics: { epoch: 1, logs: { loss: 0.5, val_loss: 0.7 } },
      stopReason: null,
      ...over
    }) as RunRecord

  it('scores finished runs by the monitored value and unfinished ones as pending', () => {
    expect(sweepPoint(run({}), 0.1, 'val_loss').value).toBe(0.7)
    expect(sweepPoint(run({ status: 'running' }), 0.1, 'loss').value).toBeNull()
  })

  it('scores failed and diverged runs as +Infinity even when an earlier epoch looked fine', () => {
    expect(sweepPoint(run({ status: 'failed' }), 0.1, 'loss').value).toBe(Infinity)
    const diverged = run({
      status: 'stopped',
      stopReason: 'loss became NaN at epoch 2, step 3 — the learning rate is probably too high'
    })
    expect(sweepPoint(diverged, 10, 'loss').value).toBe(Infinity)
  })

  it('picks the lowest score once all are in, and none when every rate diverged', () => {
    const p = (learningRate: number, value: number | null) => ({
      learningRate,
      runId: 1,
      value,
      status: 'completed' as const
    })
    expect(bestLearningRate([p(0.1, 0.4), p(1, 0.2), p(10, Infinity)])).toBe(1)
    expect(bestLearningRate([p(0.1, 0.4), p(1, null)])).toBeNull()
    expect(bestLearningRate([p(0.1, Infinity)])).toBeNull()
  })
})
