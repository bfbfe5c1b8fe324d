import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { MetricSeries, RunProgressEvent } from '../../../src/contract/runs'
import { Curve, RunCurves } from '../../../src/renderer/train/curves'

const series = (
  key: string,
  steps: number[],
  values: (number | null)[],
  epochs = steps.map(() => 0)
): MetricSeries => ({
  key,
  steps,
  epochs,
  values,
  wallTimes: steps.map(() => 0)
})

const progress = (globalStep: number, loss: number): RunProgressEvent => ({
  id: 1,
  epoch: 0,
  epochs: 1,
  step: globalStep,
  stepsPerEpoch: 100,
  globalStep,
  seen: globalStep * 32,
  batch: { loss, accuracy: 0.5 },
  running: { loss, accuracy: 0.5 },
  samplesPerSecond: 1000,
  etaSeconds: 1
})

describe('a curve', () => {
  it('keeps its points in x order with one value per x, the latest given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.double({ noNaN: true }))),
        (points) => {
          const curve = new Curve()
          const expected = new Map<number, number>()
          for (const [x, y] of points) {
            curve.put(x, y)
            expected.set(x, y)
          }
          const xs = [...expected.keys()].sort((a, b) => a - b)
          expect(curve.x).toEqual(xs)
          expect(curve.y).toEqual(xs.map((x) => expected.get(x)))
        }
      )
    )
  })
})

describe('a run’s curves', () => {
  it('merge stored batches and live events without gaps or doubles', () => {
    const curves = new RunCurves()
    // Events sampled while the stored points were being read…
    curves.addProgress(progress(5, 0.9))
    curves.addProgress(progress(9, 0.7))
    // …then the read: steps 1–6 were stored.
    curves.addStepSeries([series('batch_loss', [1, 2, 3, 4, 5, 6], [2, 1.8, 1.5, 1.2, 0.9, 0.85])])
    expect(curves.syncedStep).toBe(6)
    const loss = curves.batchCurve('loss')
    expect(loss.x).toEqual([1, 2, 3, 4, 5, 6, 9])
    // The next read starts after step 6 and fills in 7 and 8.
    curves.addStepSeries([series('batch_loss', [7, 8, 9], [0.8, 0.75, 0.7])])
    expect(loss.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(loss.y.at(-1)).toBe(0.7)
    expect(curves.syncedStep).toBe(9)
    expect(curves.batchCurve('accuracy').x).toEqual([5, 9])
  })

  it('puts epochs at 1, 2, … and reads a stored NaN (null) as NaN', () => {
    const curves = new RunCurves()
    curves.addEpochSeries([series('val_loss', [10, 20], [0.5, null], [0, 1])])
    expect(curves.epochCurve('val_loss').x).toEqual([1, 2])
    expect(curves.epochCurve('val_loss').y).toEqual([0.5, NaN])
    curves.addEpoch({
      id: 1,
      epoch: 2,
      epochs: 3,
      step: 30,
      stepsPerEpoch: 10,
      seconds: 1,
      logs: { loss: 0.3, learning_rate: 0.01 }
    })
    expect(curves.epochCurve('loss').x).toEqual([3])
    expect(curves.epochCurve('learning_rate').y).toEqual([0.01])
  })

  it('start over empty', () => {
    const curves = new RunCurves()
    curves.addStepSeries([series('batch_loss', [1, 2], [1, 2])])
    const loss = curves.batchCurve('loss')
    const version = loss.version
    curves.clear()
    expect(loss.length).toBe(0)
    // A changed curve says so, for the charts to redraw it.
    expect(loss.version).toBeGreaterThan(version)
    expect(curves.epochCurve('loss').version).toBe(0)
    expect(curves.syncedStep).toBe(0)
  })
})
