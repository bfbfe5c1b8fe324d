import { describe, expect, it } from 'vitest'
import { countDenseParams, summarize } from '../../../src/renderer/build/summary'

describe('the live model summary', () => {
  it('gives Keras’s table for the lecture’s 784-512-128-10 network', () => {
    const summary = summarize(
      [
        { kind: 'dense', units: 512, activation: 'relu' },
        { kind: 'dense', units: 128, activation: 'relu' },
        { kind: 'dense', units: 10, activation: 'softmax' }
      ],
      [784]
    )
    expect(summary.inputShape).toBe('(None, 784)')
    expect(summary.rows).toEqual([
      // inputs × units + one bias per unit
      {
        layer: 'dense (Dense)',
        outputShape: '(None, 512)',
        params: 784 * 512 + 512,
        formula: '784 × 512 + 512'
      },
      {
        layer: 'dense_1 (Dense)',
        outputShape: '(None, 128)',
        params: 512 * 128 + 128,
        formula: '512 × 128 + 128'
      },
      {
        layer: 'dense_2 (Dense)',
        outputShape: '(None, 10)',
        params: 128 * 10 + 10,
        formula: '128 × 10 + 10'
      }
    ])
    // Keras prints "Total params: 468,874 (1.79 MB)" for this model.
    expect(summary.totalParams).toBe(468_874)
    expect(summary.trainableParams).toBe(468_874)
    expect(summary.bytes).toBe(468_874 * 4)
  })

  it('shows Dropout with no weights and the shape it passes on', () => {
    const summary = summarize(
      [
        { kind: 'dense', units: 32, activation: 'relu', initializer: 'he_normal' },
        { kind: 'dropout', rate: 0.5 },
        { kind: 'dense', units: 1, activation: 'sigmoid' }
      ],
      [2]
    )
    expect(summary.rows.map((r) => [r.layer, r.outputShape, r.params])).toEqual([
      ['dense (Dense)', '(None, 32)', 2 * 32 + 32],
      ['dropout (Dropout)', '(None, 32)', 0],
      ['dense_1 (Dense)', '(None, 1)', 32 + 1]
    ])
  })

  it('counts the weights without building, to refuse huge models first', () => {
    const layers = [
      { kind: 'dense' as const, units: 512, activation: 'relu' as const },
      { kind: 'dropout' as const, rate: 0.2 },
      { kind: 'dense' as const, units: 10, activation: 'softmax' as const }
    ]
    expect(countDenseParams(layers, [28, 28])).toBe(784 * 512 + 512 + 512 * 10 + 10)
  })
})
