import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RunProgressEvent, RunRecord, RunSpec } from '../../../src/contract/runs'
import { allowedControls, isReadOnly } from '../../../src/renderer/train/controls'
import { runEtaSeconds, runFraction } from '../../../src/renderer/train/progress-text'
import { resultRows } from '../../../src/renderer/train/results-table'
import { layersText, optimizerText, specFacts } from '../../../src/renderer/train/spec-facts'
import { throttle } from '../../../src/renderer/train/throttle'
import { runRecord } from '../support/fixtures'

describe('the progress line', () => {
  // Epoch 2 of 5 (epoch index 1), 100 of 469 batches: 12,800 samples in 4 s.
  const p: RunProgressEvent = {
    id: 1,
    epoch: 1,
    epochs: 5,
    step: 100,
    stepsPerEpoch: 469,
    globalStep: 569,
    seen: 12_800,
    batch: {},
    running: {},
    samplesPerSecond: 3200,
    etaSeconds: 14.76
  }

  it('gives the share of the whole run done', () => {
    expect(runFraction(p)).toBeCloseTo((469 + 100) / (5 * 469), 12)
    expect(runFraction({ ...p, epoch: 4, step: 469 })).toBe(1)
  })

  it('adds the epochs still to come at this epoch’s pace to the epoch’s own estimate', () => {
    // 4 s for 100 batches → 0.04 s a batch; 3 more epochs of 469 batches.
    expect(runEtaSeconds(p)).toBeCloseTo(14.76 + 3 * 469 * 0.04, 9)
    expect(runEtaSeconds({ ...p, epoch: 4 })).toBeCloseTo(14.76, 12)
  })
})

describe('throttled redraws', () => {
  afterEach(() => vi.useRealTimers())

  it('runs at once, then folds a burst into one call at the end of the interval', () => {
    vi.useFakeTimers()
    const fn = vi.fn()
    const redraw = throttle(fn, 100)
    redraw()
    expect(fn).toHaveBeenCalledTimes(1)
    for (let i = 0; i < 50; i++) redraw()
    expect(fn).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(100)
    expect(fn).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(1000)
    expect(fn).toHaveBeenCalledTimes(2)
    redraw()
    expect(fn).toHaveBeenCalledTimes(3)
  })

  it('about ten calls a second under a stream of a thousand events a second', () => {
    vi.useFakeTimers()
    const fn = vi.fn()
    const redraw = throttle(fn, 100)
    for (let ms = 0; ms < 2000; ms++) {
      redraw()
      vi.advanceTimersByTime(1)
    }
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(19)
    expect(fn.mock.calls.length).toBeLessThanOrEqual(21)
  })

  it('can be cancelled', () => {
    vi.useFakeTimers()
    const fn = vi.fn()
    const redraw = throttle(fn, 100)
    redraw()
    redraw()
    redraw.cancel()
    vi.advanceTimersByTime(500)
    expect(fn).toHaveBeenCalledTimes(1)
  })
})

describe('the controls a run allows', () => {
  const allowed = (changes: Partial<RunRecord>): string[] =>
    Object.entries(allowedControls(runRecord(changes)))
      .filter(([, on]) => on)
      .map(([name]) => name)

  it('follow the service’s rules for each state', () => {
    expect(allowed({ status: 'queued' })).toEqual(['stop'])
    expect(allowed({ status: 'running' })).toEqual(['stop', 'pause'])
    expect(allowed({ status: 'running', pauseRequested: true })).toEqual(['stop', 'resume'])
    expect(allowed({ status: 'running', stopRequested: true })).toEqual([])
    expect(allowed({ status: 'paused' })).toEqual(['stop', 'resume'])
    expect(allowed({ status: 'stopped' })).toEqual(['resume'])
    expect(allowed({ status: 'interrupted' })).toEqual(['resume'])
    expect(allowed({ status: 'completed' })).toEqual([])
    expect(allowed({ status: 'failed' })).toEqual([])
  })

  it('leave completed and failed runs read-only', () => {
    expect(isReadOnly(runRecord({ status: 'completed' }))).toBe(true)
    expect(isReadOnly(runRecord({ status: 'failed' }))).toBe(true)
    expect(isReadOnly(runRecord({ status: 'stopped' }))).toBe(false)
  })
})

describe('the results table', () => {
  it('lists training values, then validation, then the rest, with last, best and test', () => {
    const run = runRecord({
      finalMetrics: {
        epoch: 4,
        logs: {
          val_accuracy: 0.97,
          learning_rate: 0.001,
          accuracy: 0.99,
          loss: 0.03,
          val_loss: 0.09
        }
      },
      bestMetrics: { epoch: 3, logs: { loss: 0.05, val_loss: 0.08 } },
      testMetrics: { loss: 0.08, accuracy: 0.9774 }
    })
    expect(resultRows(run)).toEqual([
      { key: 'loss', last: 0.03, best: 0.05, test: 0.08 },
      { key: 'accuracy', last: 0.99, best: null, test: 0.9774 },
      { key: 'val_loss', last: 0.09, best: 0.08, test: null },
      { key: 'val_accuracy', last: 0.97, best: null, test: null },
      { key: 'learning_rate', last: 0.001, best: null, test: null }
    ])
    expect(resultRows(runRecord({}))).toEqual([])
  })
})

describe('the spec in the header', () => {
  const spec: RunSpec = {
    data: { dataset: 'mnist', limit: 3000 },
    layers: [
      { kind: 'dense', units: 32, activation: 'relu' },
      { kind: 'dropout', rate: 0.2 },
      { kind: 'dense', units: 10, activation: 'softmax' }
    ],
    loss: 'categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: { name: 'sgd', config: { learning_rate: 0.1, momentum: 0.9 } },
    epochs: 1,
    batchSize: 1,
    seed: 3,
    validationSplit: 0.1
  }

  it('says it in a few lines', () => {
    expect(layersText(spec.layers)).toBe('32 relu → dropout 0.2 → 10 softmax')
    expect(optimizerText(spec.optimizer)).toBe('sgd (learning_rate 0.1, momentum 0.9)')
    expect(optimizerText({ name: 'adam', config: {} })).toBe('adam (Keras defaults)')
    expect(Object.fromEntries(specFacts(spec).map((f) => [f.key, f.value]))).toEqual({
      data: 'mnist, first 3,000 samples',
      layers: '32 relu → dropout 0.2 → 10 softmax',
      loss: 'categorical_crossentropy; metrics: accuracy',
      optimizer: 'sgd (learning_rate 0.1, momentum 0.9)',
      schedule: '1 epoch of batch 1, seed 3',
      validation: 'last 10%'
    })
  })
})
