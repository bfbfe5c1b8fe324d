import { describe, expect, it } from 'vitest'
import { computeFans, resolveInitializer } from '../../../src/engine/initializers'
import { Rng } from '../../../src/engine/random'

const FAN_IN = 400
const FAN_OUT = 600
const SHAPE = [FAN_IN, FAN_OUT]

function draw(
  name: string | { class_name: string; config?: Record<string, unknown> },
  shape = SHAPE
) {
  const values = new Float32Array(shape.reduce((p, d) => p * d, 1))
  resolveInitializer(name).fill(values, shape, new Rng(123))
  let sum = 0
  let min = Infinity
  let max = -Infinity
  for (const v of values) {
    sum += v
    min = Math.min(min, v)
    max = Math.max(max, v)
  }
  const mean = sum / values.length
  let sq = 0
  for (const v of values) sq += (v - mean) ** 2
  return { mean, variance: sq / values.length, min, max, n: values.length }
}

/** Standard deviation of a unit normal truncated to [-2, 2], from its closed form. */
function truncatedUnitStd(): number {
  const phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI)
  // P(|Z| ≤ 2) = erf(2/√2); by numerical integration of the density (Simpson, 2000 intervals).
  const steps = 2000
  let mass = 0
  for (let i = 0; i <= steps; i++) {
    const z = -2 + (4 * i) / steps
    const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2
    mass += (w * Math.exp((-z * z) / 2)) / Math.sqrt(2 * Math.PI)
  }
  mass *= 4 / steps / 3
  return Math.sqrt(1 - (2 * 2 * phi2) / mass)
}

describe('initializers (Keras 3 variance scaling)', () => {
  it('computes fans like Keras: kernel [in, out], vectors, scalars', () => {
    expect(computeFans([3, 5])).toEqual({ fanIn: 3, fanOut: 5 })
    expect(computeFans([7])).toEqual({ fanIn: 7, fanOut: 7 })
    expect(computeFans([])).toEqual({ fanIn: 1, fanOut: 1 })
    expect(computeFans([2, 3, 4, 5])).toEqual({ fanIn: 24, fanOut: 30 })
  })

  it('the truncation constant is the std of a unit normal cut at ±2', () => {
    expect(truncatedUnitStd()).toBeCloseTo(0.87962566103423978, 6)
  })

  const uniformCases: [string, number][] = [
    ['glorot_uniform', Math.sqrt(6 / (FAN_IN + FAN_OUT))],
    ['he_uniform', Math.sqrt(6 / FAN_IN)],
    ['lecun_uniform', Math.sqrt(3 / FAN_IN)],
    ['random_uniform', 0.05]
  ]
  it.each(uniformCases)('%s draws U(±limit): bounds, mean and variance limit²/3', (name, limit) => {
    const s = draw(name)
    expect(s.min).toBeGreaterThanOrEqual(-limit)
    expect(s.max).toBeLessThanOrEqual(limit)
    expect(s.max).toBeGreaterThan(limit * 0.999)
    expect(s.min).toBeLessThan(-limit * 0.999)
    const variance = (limit * limit) / 3
    expect(Math.abs(s.mean)).toBeLessThan(5 * Math.sqrt(variance / s.n))
    expect(Math.abs(s.variance / variance - 1)).toBeLessThan(0.02)
  })

  const normalCases: [string, number][] = [
    ['glorot_normal', 2 / (FAN_IN + FAN_OUT)],
    ['he_normal', 2 / FAN_IN],
    ['lecun_normal', 1 / FAN_IN]
  ]
  it.each(normalCases)(
    '%s is a truncated normal of variance scale/fan, cut at 2 std',
    (name, variance) => {
      const s = draw(name)
      // The pre-truncation std is sqrt(variance)/0.8796…, so the truncated draws keep `variance`.
      const bound = (2 * Math.sqrt(variance)) / truncatedUnitStd()
      expect(s.max).toBeLessThanOrEqual(bound * (1 + 1e-6))
      expect(s.min).toBeGreaterThanOrEqual(-bound * (1 + 1e-6))
      expect(s.max).toBeGreaterThan(bound * 0.99)
      expect(Math.abs(s.mean)).toBeLessThan(5 * Math.sqrt(variance / s.n))
      expect(Math.abs(s.variance / variance - 1)).toBeLessThan(0.02)
    }
  )

  it('random_normal is N(0, 0.05²), untruncated', () => {
    const s = draw('random_normal')
    expect(Math.abs(s.mean)).toBeLessThan(5 * Math.sqrt(0.0025 / s.n))
    expect(Math.abs(s.variance / 0.0025 - 1)).toBeLessThan(0.02)
    expect(s.max).toBeGreaterThan(0.05 * 4) // a normal tail past 2 std is common in 240k draws
  })

  it('zeros, ones and constant fill exactly', () => {
    expect(draw('zeros', [3, 4])).toMatchObject({ min: 0, max: 0 })
    expect(draw('ones', [3, 4])).toMatchObject({ min: 1, max: 1 })
    expect(draw({ class_name: 'Constant', config: { value: 0.5 } }, [2])).toMatchObject({
      min: 0.5,
      max: 0.5
    })
  })

  it('accepts snake_case names, Keras class names and specs with a config', () => {
    const limit = 0.2
    const s = draw({ class_name: 'RandomUniform', config: { minval: -limit, maxval: limit } })
    expect(s.max).toBeLessThanOrEqual(limit)
    expect(s.max).toBeGreaterThan(limit * 0.999)
    const byName = draw('he_normal')
    const byClass = draw({ class_name: 'HeNormal' })
    const bySpec = draw({
      class_name: 'VarianceScaling',
      config: { scale: 2, mode: 'fan_in', distribution: 'truncated_normal' }
    })
    expect(byClass).toEqual(byName)
    expect(bySpec).toEqual(byName)
  })

  it('serializes to a config that rebuilds the same initializer', () => {
    for (const name of ['glorot_uniform', 'he_normal', 'random_normal', 'zeros']) {
      const config = resolveInitializer(name).getConfig()
      expect(JSON.parse(JSON.stringify(config)).class_name).toBe(config.class_name)
      expect(draw(config, [20, 30])).toEqual(draw(name, [20, 30]))
    }
    expect(resolveInitializer('glorot_uniform').getConfig()).toEqual({
      class_name: 'GlorotUniform',
      config: {}
    })
  })

  it('is deterministic for a seed and differs between seeds', () => {
    const a = new Float32Array(50)
    const b = new Float32Array(50)
    const c = new Float32Array(50)
    resolveInitializer('glorot_uniform').fill(a, [5, 10], new Rng(1))
    resolveInitializer('glorot_uniform').fill(b, [5, 10], new Rng(1))
    resolveInitializer('glorot_uniform').fill(c, [5, 10], new Rng(2))
    expect(b).toEqual(a)
    expect(c).not.toEqual(a)
  })

  it('rejects unknown names and bad options with a clear message', () => {
    expect(() => resolveInitializer('xavier')).toThrow(/unknown initializer "xavier"/)
    expect(() =>
      resolveInitializer({ class_name: 'VarianceScaling', config: { mode: 'fan_sideways' } })
    ).toThrow(/mode/)
    expect(() =>
      resolveInitializer({ class_name: 'RandomNormal', config: { stddev: 'big' } })
    ).toThrow(/stddev/)
  })
})
