import { describe, expect, it } from 'vitest'
import type { SweepSummary } from '../../../src/contract/experiments'
import { sweepSeries, topOf } from '../../../src/renderer/compare/sweep-plot'

const sweep: SweepSummary = {
  monitor: 'loss',
  grid: [
    { learningRate: 0.1, runId: 3, value: Infinity, status: 'stopped' },
    { learningRate: 0.001, runId: 1, value: 0.5, status: 'completed' },
    { learningRate: 1, runId: 4, value: null, status: 'running' },
    { learningRate: 0.01, runId: 2, value: 0.2, status: 'completed' }
  ],
  bestLearningRate: 0.01,
  phase: 'done',
  rerun: {
    label: 'sgd lr=0.01',
    optimizer: { name: 'sgd', config: { learning_rate: 0.01 } },
    runIds: [5, 6, 7],
    seeds: [2, 3, 4],
    final: { loss: { mean: 0.21, std: 0.01, n: 3 } }
  }
}

describe('the learning-rate sensitivity plot', () => {
  it('puts the top a tenth of the span above the highest value', () => {
    expect(topOf([0.2, 0.5, Infinity])).toEqual({ bottom: 0.2, top: 0.5 + 0.1 * 0.3 })
    expect(topOf([])).toEqual({ bottom: 0, top: 1 })
  })

  it('draws finished rates in order, diverged ones at the top, the best rate and the rerun', () => {
    const [line, dots, diverged, best, rerun, mean] = sweepSeries(sweep)
    expect(line.x).toEqual([0.001, 0.01])
    expect(line.y).toEqual([0.5, 0.2])
    expect(dots.markers).toBe('dot')
    expect(diverged.markers).toBe('cross')
    expect(diverged.x).toEqual([0.1])
    expect(diverged.y![0]).toBeCloseTo(0.53, 12)
    expect(best.x).toEqual([0.01, 0.01])
    // From the lowest value drawn (the rerun's mean − std, 0.21 − 0.01) to the top.
    expect(best.y![0]).toBeCloseTo(0.2, 12)
    expect(best.y![1]).toBe(diverged.y![0])
    expect(best.label).toBe('best rate 0.01')
    expect(rerun.y![0]).toBeCloseTo(0.2, 12)
    expect(rerun.y![1]).toBeCloseTo(0.22, 12)
    expect(rerun.label).toBe('rerun: mean ± std of 3 seeds')
    expect(mean).toMatchObject({ x: [0.01], y: [0.21], markers: 'dot' })
  })

  it('shows only the grid while it trains', () => {
    const series = sweepSeries({
      ...sweep,
      grid: sweep.grid.slice(1, 2),
      bestLearningRate: null,
      rerun: null,
      phase: 'grid'
    })
    expect(series.map((s) => s.label)).toEqual(['loss at the last epoch', ''])
  })
})
