/**
 * Learning-rate schedules against Keras's formulas (learning_rate_schedule.py docstrings),
 * restated here in float64.
 */
import { describe, expect, it } from 'vitest'
import {
  constantSchedule,
  cosineDecay,
  exponentialDecay,
  piecewiseConstantDecay,
  scheduleFromConfig
} from '../../../src/engine/optimizers'

const steps = [0, 1, 5, 10, 15, 99, 100, 101, 150, 1000, 5000]

describe('ExponentialDecay', () => {
  it('is lr0 · rate^(step / decay_steps)', () => {
    const s = exponentialDecay({ initial_learning_rate: 0.1, decay_steps: 100, decay_rate: 0.96 })
    for (const step of steps) expect(s.at(step)).toBeCloseTo(0.1 * Math.pow(0.96, step / 100), 15)
  })

  it('floors the exponent when staircase', () => {
    const s = exponentialDecay({
      initial_learning_rate: 0.1,
      decay_steps: 100,
      decay_rate: 0.5,
      staircase: true
    })
    expect([0, 99, 100, 199, 200].map((step) => s.at(step))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025])
  })
})

describe('PiecewiseConstantDecay', () => {
  it('holds values[i] up to and including boundaries[i]', () => {
    const s = piecewiseConstantDecay({ boundaries: [10, 20], values: [1, 0.5, 0.1] })
    const at = [0, 10, 11, 20, 21, 1000].map((step) => s.at(step))
    expect(at).toEqual([1, 1, 0.5, 0.5, 0.1, 0.1])
  })
})

describe('CosineDecay', () => {
  const cosine = (lr0: number, alpha: number, decaySteps: number, step: number) => {
    const s = Math.min(step, decaySteps)
    return lr0 * ((1 - alpha) * 0.5 * (1 + Math.cos((Math.PI * s) / decaySteps)) + alpha)
  }

  it('decays lr0 to alpha·lr0 along a half cosine, then stays', () => {
    const s = cosineDecay({ initial_learning_rate: 0.2, decay_steps: 1000, alpha: 0.1 })
    for (const step of steps) expect(s.at(step)).toBeCloseTo(cosine(0.2, 0.1, 1000, step), 15)
    expect(s.at(500)).toBeCloseTo(0.2 * (0.9 * 0.5 + 0.1), 15)
    expect(s.at(1000)).toBeCloseTo(0.02, 15)
  })

  it('warms up linearly to warmup_target, then decays from it', () => {
    const s = cosineDecay({
      initial_learning_rate: 0,
      decay_steps: 1000,
      warmup_target: 0.1,
      warmup_steps: 100
    })
    expect(s.at(0)).toBe(0)
    expect(s.at(50)).toBeCloseTo(0.05, 15)
    expect(s.at(100)).toBeCloseTo(0.1, 15)
    for (const step of [150, 600, 1099, 1100, 5000]) {
      expect(s.at(step)).toBeCloseTo(cosine(0.1, 0, 1000, step - 100), 15)
    }
  })
})

describe('config round trip', () => {
  const schedules = [
    constantSchedule(0.3),
    exponentialDecay({
      initial_learning_rate: 0.1,
      decay_steps: 7,
      decay_rate: 0.9,
      staircase: true
    }),
    piecewiseConstantDecay({ boundaries: [3, 8], values: [0.3, 0.2, 0.1] }),
    cosineDecay({
      initial_learning_rate: 0.01,
      decay_steps: 50,
      alpha: 0.05,
      warmup_target: 0.2,
      warmup_steps: 5
    })
  ]

  it.each(schedules.map((s) => [JSON.stringify(s.config()), s] as const))('%s', (_, schedule) => {
    const copy = scheduleFromConfig(JSON.parse(JSON.stringify(schedule.config())), 'test')
    expect(copy.config()).toEqual(schedule.config())
    for (const step of steps) expect(copy.at(step)).toBe(schedule.at(step))
  })

  it('writes Keras’s form, names included', () => {
    expect(
      exponentialDecay({ initial_learning_rate: 0.1, decay_steps: 7, decay_rate: 0.9 }).config()
    ).toEqual({
      class_name: 'ExponentialDecay',
      config: {
        initial_learning_rate: 0.1,
        decay_steps: 7,
        decay_rate: 0.9,
        staircase: false,
        name: 'ExponentialDecay'
      }
    })
    expect(constantSchedule(0.3).config()).toBe(0.3)
  })
})
