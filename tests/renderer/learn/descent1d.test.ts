import { describe, expect, test } from 'vitest'
import {
  Descent1d,
  defaultStart,
  learningRatePresets
} from '../../../src/renderer/learn/demos/descent1d'
import { function1d } from '../../../src/renderer/learn/demos/functions1d'
import { reference1d } from './reference'

const fn = function1d('twoValleys')
const { df } = reference1d.twoValleys
const rate = (id: (typeof learningRatePresets)[number]['id']): number =>
  learningRatePresets.find((p) => p.id === id)!.learningRate

/** The lecture's recurrences in float64: v ← μv − lr·f′(x), x ← x + v (μ = 0: plain descent). */
function referencePath(start: number, lr: number, mu: number, steps: number): number[] {
  const xs = [start]
  let x = start
  let v = 0
  for (let t = 0; t < steps && Number.isFinite(x) && Math.abs(x) < 1e6; t++) {
    v = mu * v - lr * df(x)
    x += v
    xs.push(x)
  }
  return xs
}

const descend = (lr: number, momentum: number, start = defaultStart): Descent1d =>
  new Descent1d({ fn, start, learningRate: lr, momentum }).run(5000)

describe('gradient descent in 1D with the engine’s SGD', () => {
  test.each([
    [0.01, 0],
    [0.01, 0.9],
    [0.05, 0.5]
  ])('lr %f, momentum %f: the first steps follow the float64 recurrence', (lr, mu) => {
    const run = new Descent1d({ fn, start: defaultStart, learningRate: lr, momentum: mu }).run(20)
    const expected = referencePath(defaultStart, lr, mu, 20)
    run.xs.forEach((x, t) => expect(x).toBeCloseTo(expected[t], 4))
    expect(run.velocity).toBeCloseTo(expected[20] - expected[19], 4)
    expect(run.losses[5]).toBeCloseTo(reference1d.twoValleys.f(run.xs[5]), 5)
  })

  test('a too-large learning rate diverges from the default start', () => {
    const run = descend(rate('tooLarge'), 0)
    expect(run.status).toBe('diverged')
    expect(run.steps).toBeLessThan(20)
    // The float64 recurrence blows up too: this is the maths, not a float32 accident.
    const reference = referencePath(defaultStart, rate('tooLarge'), 0, 50)
    expect(Math.abs(reference[reference.length - 1])).toBeGreaterThan(1e3)
  })

  test('plain gradient descent stops in the local minimum; momentum carries the ball into the global one', () => {
    const lr = rate('good')
    const plain = descend(lr, 0)
    expect(plain.status).toBe('settled')
    expect(plain.x).toBeCloseTo(1.5, 2)
    expect(plain.minimum).toEqual({ x: 1.5, global: false })

    const heavy = descend(lr, 0.9)
    expect(heavy.status).toBe('settled')
    expect(heavy.x).toBeCloseTo(-2, 2)
    expect(heavy.minimum).toEqual({ x: -2, global: true })
    // It had to cross the hump at x = 0 to get there.
    expect(Math.min(...heavy.xs.slice(0, 40))).toBeLessThan(0)

    const plainEnd = referencePath(defaultStart, lr, 0, 5000).at(-1)!
    const heavyEnd = referencePath(defaultStart, lr, 0.9, 5000).at(-1)!
    expect(plainEnd).toBeCloseTo(1.5, 3)
    expect(heavyEnd).toBeCloseTo(-2, 3)
  })

  test('a too-small learning rate is slow: far from settled when the good one has long arrived', () => {
    const good = descend(rate('good'), 0)
    const slow = new Descent1d({
      fn,
      start: defaultStart,
      learningRate: rate('tooSmall'),
      momentum: 0
    }).run(good.steps)
    expect(slow.status).toBe('moving')
    expect(Math.abs(slow.x - 1.5)).toBeGreaterThan(0.1)
    expect(descend(rate('tooSmall'), 0).minimum).toEqual({ x: 1.5, global: false })
  })

  test('a learning rate between good and too large jumps across the hump before it settles', () => {
    const run = descend(0.2, 0)
    expect(run.xs[1]).toBeLessThan(0)
    expect(run.status).toBe('settled')
  })

  test('a run starts ready with the value and slope at the start, and stops stepping once finished', () => {
    const run = new Descent1d({ fn, start: 1, learningRate: 0.01, momentum: 0 })
    expect(run.status).toBe('ready')
    expect(run.steps).toBe(0)
    expect(run.loss).toBeCloseTo(reference1d.twoValleys.f(1), 6)
    expect(run.slope).toBeCloseTo(df(1), 6)
    expect(run.velocity).toBe(0)
    const diverged = descend(rate('tooLarge'), 0)
    const steps = diverged.steps
    diverged.step()
    expect(diverged.steps).toBe(steps)
  })
})
