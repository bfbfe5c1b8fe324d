import { describe, expect, it } from 'vitest'
import type { MetricSeries, RunDetail } from '../../../src/contract/runs'
import { groupRows, runRows, scoreKeys } from '../../../src/renderer/compare/table-rows'

function run(id: number, trainSeconds: number, test: Record<string, number> | null): RunDetail {
  return {
    id,
    name: `run ${id}`,
    status: 'completed',
    trainSeconds,
    testMetrics: test
  } as RunDetail
}
const epochs = (values: (number | null)[]): MetricSeries => ({
  key: '',
  steps: values.map((_, i) => (i + 1) * 10),
  epochs: values.map((_, i) => i),
  values,
  wallTimes: values.map(() => 0)
})
const logs: Record<number, Record<string, MetricSeries>> = {
  1: { loss: epochs([0.9, 0.5, 0.6]), accuracy: epochs([0.7, 0.8, 0.82]) },
  2: { loss: epochs([0.8, 0.4, 0.3]), accuracy: epochs([0.75, 0.85, 0.9]) },
  3: { loss: epochs([1.0]) }
}
const runs = [
  run(1, 10, { loss: 0.55, accuracy: 0.8 }),
  run(2, 14, { loss: 0.35, accuracy: 0.88 }),
  run(3, 2, null)
]
const rows = runRows(runs, (id, key) => logs[id][key], ['loss', 'accuracy'], ['accuracy', 'loss'])

describe('the comparison table', () => {
  it('lists loss-like metrics before accuracies, leaving out pace and schedule', () => {
    expect(
      scoreKeys([
        'val_accuracy',
        'learning_rate',
        'accuracy',
        'val_loss',
        'loss',
        'epoch_seconds',
        'samples_per_second',
        'loss'
      ])
    ).toEqual(['loss', 'val_loss', 'accuracy', 'val_accuracy'])
  })

  it('gives each run its best, last, min and max of every metric, test metrics and time', () => {
    expect(rows[0].stats.loss.best.mean).toBe(0.5)
    expect(rows[0].stats.loss.last.mean).toBe(0.6)
    expect(rows[0].stats.loss.max.mean).toBe(0.9)
    expect(rows[0].stats.accuracy.best.mean).toBe(0.82)
    expect(rows[0].stats.accuracy.min.mean).toBe(0.7)
    expect(rows[1].test.loss).toEqual({ mean: 0.35, std: 0, n: 1 })
    expect(rows[2].test.loss.n).toBe(0)
    expect(rows[2].stats.accuracy.best.n).toBe(0)
    expect(rows[1].trainSeconds.mean).toBe(14)
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed', 'completed'])
  })

  it('sums a seed group up as mean ± sample std over its runs', () => {
    const [group, lone] = groupRows(rows, [
      { label: 'sgd', members: [0, 1] },
      { label: 'adam', members: [2] }
    ])
    expect(group.runIds).toEqual([1, 2])
    expect(group.status).toBeNull()
    // best loss 0.5 and 0.3: mean 0.4, sample std √(2·0.1²) = 0.1414…
    expect(group.stats.loss.best.mean).toBeCloseTo(0.4, 12)
    expect(group.stats.loss.best.std).toBeCloseTo(Math.sqrt(0.02), 12)
    expect(group.stats.loss.best.n).toBe(2)
    expect(group.test.accuracy.mean).toBeCloseTo(0.84, 12)
    expect(group.trainSeconds.mean).toBe(12)
    expect(lone.stats.loss.last).toEqual({ mean: 1, std: 0, n: 1 })
    expect(lone.test.loss.n).toBe(0)
  })
})
