import { describe, expect, it } from 'vitest'
import { Notes } from '../../../src/engine/formats/notes'
import {
  fromTfjsInitializer,
  toTfjsInitializer
} from '../../../src/engine/formats/tfjs-initializers'
import { ModelFormatError } from '../../../src/engine/formats/errors'

/** The σ of a unit normal truncated at ±2, and so the variance factor between TF.js and Keras. */
const C = 0.87962566103423978

const FALLBACK = { class_name: 'GlorotUniform', config: {} }

describe('initializers between Descent and TF.js', () => {
  it("writes Keras's presets as TF.js writes its own: VarianceScaling with TF.js's parameters", () => {
    const notes = new Notes()
    expect(toTfjsInitializer({ class_name: 'HeUniform', config: {} }, 'd', notes)).toEqual({
      class_name: 'VarianceScaling',
      config: { scale: 2, mode: 'fan_in', distribution: 'uniform', seed: null }
    })
    // Same variance, scale/fan: TF.js's σ is √(scale/fan) before truncation, Keras's √(scale/fan)/C.
    const lecunNormal = toTfjsInitializer({ class_name: 'LecunNormal', config: {} }, 'd', notes)
    expect(lecunNormal.config.distribution).toBe('normal')
    expect(lecunNormal.config.scale).toBeCloseTo(1 / C ** 2, 14)
    expect(
      toTfjsInitializer(
        { class_name: 'RandomNormal', config: { mean: 0, stddev: 0.1 } },
        'd',
        notes
      )
    ).toEqual({
      class_name: 'RandomNormal',
      config: { mean: 0, stddev: 0.1, seed: null }
    })
    expect(toTfjsInitializer({ class_name: 'Constant', config: { value: 3 } }, 'd', notes)).toEqual(
      {
        class_name: 'Constant',
        config: { value: 3 }
      }
    )
    expect(notes.list()).toEqual([])
  })

  it('reads TF.js variance scaling back as the same draws, naming Keras presets where they match', () => {
    const notes = new Notes()
    const read = (config: Record<string, unknown>) =>
      fromTfjsInitializer({ class_name: 'VarianceScaling', config }, 'k', FALLBACK, notes)
    expect(read({ scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null })).toEqual({
      class_name: 'GlorotUniform',
      config: {}
    })
    expect(read({ scale: 2 / C ** 2, mode: 'fan_in', distribution: 'normal' })).toEqual({
      class_name: 'HeNormal',
      config: {}
    })
    const heNormalOfTfjs = read({ scale: 2, mode: 'fanIn', distribution: 'normal' })
    expect(heNormalOfTfjs.class_name).toBe('VarianceScaling')
    expect(heNormalOfTfjs.config!.scale).toBeCloseTo(2 * C ** 2, 14)
    expect(heNormalOfTfjs.config!.distribution).toBe('truncated_normal')
    expect(notes.list()).toEqual([
      "k: TF.js's 'normal' variance scaling: a normal truncated at ±2σ with σ = √(scale/fan), without Keras's correction; kept as the same draws, VarianceScaling(scale 1.547, fan_in, truncated_normal)"
    ])
  })

  it('reads Keras class names and TF.js identifiers; falls back, with a note, where Descent has none', () => {
    const notes = new Notes()
    expect(fromTfjsInitializer('leCunNormal', 'k', FALLBACK, notes)).toEqual({
      class_name: 'LecunNormal',
      config: {}
    })
    expect(
      fromTfjsInitializer(
        { class_name: 'TruncatedNormal', config: { mean: 0.5, stddev: 0.2, seed: 3 } },
        'k',
        FALLBACK,
        notes
      )
    ).toEqual({ class_name: 'TruncatedNormal', config: { mean: 0.5, stddev: 0.2 } })
    expect(
      fromTfjsInitializer({ class_name: 'Orthogonal', config: { gain: 1 } }, 'k', FALLBACK, notes)
    ).toBe(FALLBACK)
    expect(notes.list()).toEqual([
      'k: Orthogonal has no Descent equivalent: re-initialising would use GlorotUniform (the weights are loaded from the file)'
    ])
    expect(() =>
      fromTfjsInitializer(
        { class_name: 'VarianceScaling', config: { mode: 'fan_sideways' } },
        'k',
        FALLBACK,
        notes
      )
    ).toThrow(ModelFormatError)
    expect(() =>
      fromTfjsInitializer(
        { class_name: 'RandomUniform', config: { minval: 'low' } },
        'k',
        FALLBACK,
        notes
      )
    ).toThrow(/^k: initializer option minval must be a finite number/)
  })
})
