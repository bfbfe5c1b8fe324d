import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Dense } from '../../../src/engine/layers/dense'
import { Dropout } from '../../../src/engine/layers/dropout'
import type { ActivationName } from '../../../src/engine/ops'
import {
  createLayer,
  formatLayersText,
  parseLayersText,
  type LayerSpec
} from '../../../src/engine/spec'

describe('the layer mini-language', () => {
  it('reads units:activation, dropout:rate and bare units', () => {
    expect(parseLayersText('512:relu, dropout:0.2,64,10:SOFTMAX')).toEqual([
      { kind: 'dense', units: 512, activation: 'relu' },
      { kind: 'dropout', rate: 0.2 },
      { kind: 'dense', units: 64, activation: 'linear' },
      { kind: 'dense', units: 10, activation: 'softmax' }
    ])
  })

  it('names the part it cannot read', () => {
    expect(() => parseLayersText('512:relu,,10')).toThrow(/separated by commas/)
    expect(() => parseLayersText('0:relu')).toThrow(/layer 1 .*positive whole number/)
    expect(() => parseLayersText('8:relu,2.5')).toThrow(/layer 2 \("2\.5"\).*positive whole number/)
    expect(() => parseLayersText('32:swish')).toThrow(/unknown activation "swish"/)
    expect(() => parseLayersText('dropout:1')).toThrow(/\[0, 1\)/)
    expect(() => parseLayersText('dropout:')).toThrow(/\[0, 1\)/)
    expect(() => parseLayersText('dropout')).toThrow(/\[0, 1\)/)
    expect(() => parseLayersText('1:relu:x')).toThrow(/more than one colon/)
  })

  it('writes layers as it reads them, the initializer left out', () => {
    const layers: LayerSpec[] = [
      { kind: 'dense', units: 128, activation: 'relu', initializer: 'he_normal' },
      { kind: 'dropout', rate: 0.25 },
      { kind: 'dense', units: 10, activation: 'softmax' }
    ]
    expect(formatLayersText(layers)).toBe('128:relu,dropout:0.25,10:softmax')
  })

  it('reads back whatever it writes', () => {
    const activations: ActivationName[] = ['linear', 'relu', 'tanh', 'sigmoid', 'softmax', 'gelu']
    const layer: fc.Arbitrary<LayerSpec> = fc.oneof(
      fc.record({
        kind: fc.constant('dense' as const),
        units: fc.integer({ min: 1, max: 4096 }),
        activation: fc.constantFrom(...activations)
      }),
      fc.record({
        kind: fc.constant('dropout' as const),
        rate: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })
      })
    )
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 6 }), (layers) => {
        expect(parseLayersText(formatLayersText(layers))).toEqual(layers)
      })
    )
  })
})

describe('the layer a spec describes', () => {
  it('is a Dense layer with the units, activation and initializer asked for, or a Dropout', () => {
    const dense = createLayer({
      kind: 'dense',
      units: 3,
      activation: 'tanh',
      initializer: 'zeros'
    })
    expect(dense).toBeInstanceOf(Dense)
    expect(dense.getConfig()).toMatchObject({
      units: 3,
      activation: 'tanh',
      kernel_initializer: { class_name: 'Zeros' }
    })
    const dropout = createLayer({ kind: 'dropout', rate: 0.3 })
    expect(dropout).toBeInstanceOf(Dropout)
    expect(dropout.getConfig()).toMatchObject({ rate: 0.3 })
  })
})
