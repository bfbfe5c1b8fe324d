import { describe, expect, it } from 'vitest'
import {
  AllWeightsRace,
  denseParams,
  raceNetwork,
  raceNetworks
} from '../../../src/renderer/learn/demos/all-weights'

describe('nudging all weights against one backward pass', () => {
  it('counts P from the layer sizes', () => {
    for (const { key, features, units } of raceNetworks) {
      const [hidden, classes] = units
      const p = features * hidden + hidden + hidden * classes + classes
      expect(raceNetwork(key).paramCount).toBe(p)
      expect(denseParams(features, units)).toBe(p)
    }
    expect(raceNetwork('mnist').paramCount).toBe(50_890)
  })

  it('runs exactly 2·P forward passes, slice by slice, and every nudged slope matches backprop', () => {
    const net = raceNetwork('tiny')
    const race = new AllWeightsRace(net, 1e-2)
    const before = net.forwardPasses
    let slices = 0
    while (!race.run(0.2)) slices++
    expect(race.passes).toBe(2 * net.paramCount)
    expect(race.totalPasses).toBe(2 * net.paramCount)
    expect(net.forwardPasses - before).toBe(2 * net.paramCount)
    expect(race.largestDifference).toBeLessThan(1e-3)
    expect(race.run(1)).toBe(true)
    expect(race.passes).toBe(2 * net.paramCount)
    expect(slices).toBeGreaterThanOrEqual(0)
  })

  it('gives each slice at least one weight and stops a slice when its time is spent', () => {
    let now = 0
    const clock = (): number => (now += 1)
    const race = new AllWeightsRace(raceNetwork('tiny'), 1e-2, clock)
    race.run(0)
    expect(race.passes).toBe(2)
    race.run(5)
    expect(race.passes).toBeGreaterThan(2)
    expect(race.passes).toBeLessThan(race.totalPasses)
  })

  it('extrapolates the nudging time from the passes done and divides it by one backward pass', () => {
    let now = 0
    let tick = 1
    const clock = (): number => (now += tick)
    const race = new AllWeightsRace(raceNetwork('tiny'), 1e-2, clock)
    race.run(10)
    const perPass = race.nudgeMs / race.passes
    expect(race.projectedNudgeMs).toBeCloseTo(perPass * race.totalPasses, 9)
    tick = 0.5
    race.measureBackprop(0)
    expect(race.backpropRuns).toBe(1)
    expect(race.backpropMean).toBe(0.5)
    expect(race.ratio).toBeCloseTo(race.projectedNudgeMs / 0.5, 9)
  })

  it('one backward pass beats two forward passes per weight by far (measured)', () => {
    const net = raceNetwork('small')
    const race = new AllWeightsRace(net, 1e-2)
    race.measureBackprop(20)
    while (!race.run(20));
    expect(race.ratio).toBeGreaterThan(20)
  })
})
