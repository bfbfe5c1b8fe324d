import { describe, expect, it } from 'vitest'
import type { MetricSeries } from '../../../src/contract/runs'
import { SeriesStore } from '../../../src/renderer/compare/series-store'

const series = (key: string, steps: number[], values: number[]): MetricSeries => ({
  key,
  steps,
  epochs: steps.map(() => 0),
  values,
  wallTimes: steps.map((s) => 1000 + s)
})
const point = (step: number, value: number) => ({ step, epoch: 0, value, wallTime: 1000 + step })

describe('the series store', () => {
  it('keeps what runs.metrics answered and appends newer live points', () => {
    const store = new SeriesStore()
    expect(store.has(1, 'step', 'batch_loss')).toBe(false)
    store.set(1, 'step', ['batch_loss'], [series('batch_loss', [1, 2, 3], [0.9, 0.8, 0.7])])
    expect(store.has(1, 'step', 'batch_loss')).toBe(true)
    expect(store.add(1, 'step', 'batch_loss', point(3, 0.7))).toBe(false)
    expect(store.add(1, 'step', 'batch_loss', point(5, 0.6))).toBe(true)
    expect(store.get(1, 'step', 'batch_loss')!.steps).toEqual([1, 2, 3, 5])
    expect(store.get(1, 'step', 'batch_loss')!.values).toEqual([0.9, 0.8, 0.7, 0.6])
  })

  it('keeps live points that arrived before the answer only where they come after it', () => {
    const store = new SeriesStore()
    store.add(2, 'epoch', 'loss', point(10, 0.5))
    store.add(2, 'epoch', 'loss', point(20, 0.4))
    store.set(2, 'epoch', null, [series('loss', [10], [0.5]), series('accuracy', [10], [0.8])])
    expect(store.get(2, 'epoch', 'loss')!.steps).toEqual([10, 20])
    expect(store.get(2, 'epoch', 'loss')!.values).toEqual([0.5, 0.4])
    expect(store.keys(2, 'epoch').sort()).toEqual(['accuracy', 'loss'])
    expect(store.has(2, 'epoch', null)).toBe(true)
  })

  it('copies the answer and forgets a run on request', () => {
    const store = new SeriesStore()
    const answer = series('batch_loss', [1], [1])
    store.set(3, 'step', ['batch_loss'], [answer])
    store.add(3, 'step', 'batch_loss', point(2, 0.5))
    expect(answer.steps).toEqual([1])
    store.forget(3)
    expect(store.has(3, 'step', 'batch_loss')).toBe(false)
    expect(store.get(3, 'step', 'batch_loss')).toBeUndefined()
  })

  it('keeps an out-of-date run’s points until the new answer replaces them', () => {
    const store = new SeriesStore()
    store.set(5, 'step', ['batch_loss'], [series('batch_loss', [1], [1])])
    store.add(5, 'step', 'batch_loss', point(9, 0.3))
    store.invalidate(5)
    expect(store.has(5, 'step', 'batch_loss')).toBe(false)
    expect(store.get(5, 'step', 'batch_loss')!.steps).toEqual([1, 9])
    store.set(
      5,
      'step',
      ['batch_loss'],
      [series('batch_loss', [1, 2, 3, 9, 10], [1, 0.9, 0.8, 0.3, 0.2])]
    )
    expect(store.get(5, 'step', 'batch_loss')!.steps).toEqual([1, 2, 3, 9, 10])
  })

  it('holds an empty series for a key the run has not logged yet', () => {
    const store = new SeriesStore()
    store.set(4, 'step', ['batch_accuracy'], [])
    expect(store.get(4, 'step', 'batch_accuracy')!.steps).toEqual([])
  })
})
