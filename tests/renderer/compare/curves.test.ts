import { describe, expect, it } from 'vitest'
import {
  curveOf,
  metricOptions,
  originOf,
  xAxesFor,
  xOf
} from '../../../src/renderer/compare/curves'

describe('curves', () => {
  it('offers epoch logs per epoch and batch values per step', () => {
    expect(metricOptions.filter((m) => m.granularity === 'step').map((m) => m.key)).toEqual([
      'batch_loss',
      'batch_accuracy'
    ])
    expect(metricOptions.filter((m) => m.granularity === 'epoch').map((m) => m.key)).toEqual([
      'loss',
      'accuracy',
      'val_loss',
      'val_accuracy',
      'learning_rate'
    ])
    expect(xAxesFor('step')).toEqual(['step', 'time'])
    expect(xAxesFor('epoch')).toContain('epoch')
  })

  it('places a point by step, by epochs done, or by seconds since the run began', () => {
    const p = { step: 94, epoch: 1, wallTime: 1_700_000_012.5 }
    expect(xOf('step', p, 0)).toBe(94)
    expect(xOf('epoch', p, 0)).toBe(2)
    expect(xOf('time', p, 1_700_000_000)).toBe(12.5)
  })

  it('turns a stored series into chart points, a missing value into NaN', () => {
    const curve = curveOf(
      { key: 'loss', steps: [47, 94], epochs: [0, 1], values: [0.6, null], wallTimes: [10, 20] },
      'time',
      5
    )
    expect(curve.x).toEqual([5, 15])
    expect(curve.y[0]).toBe(0.6)
    expect(curve.y[1]).toBeNaN()
  })

  it('starts the clock at the run’s start, else at its first point', () => {
    expect(originOf(1_700_000_000_000)).toBe(1_700_000_000)
    expect(
      originOf(null, { key: 'loss', steps: [1], epochs: [0], values: [1], wallTimes: [42] })
    ).toBe(42)
  })
})
