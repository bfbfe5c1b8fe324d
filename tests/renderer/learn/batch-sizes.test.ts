import { describe, expect, it } from 'vitest'
import type { TrainingLayerSpec } from '../../../src/engine'
import {
  BatchRace,
  defaultModes,
  moonsProblem,
  updatesPerEpoch,
  type BatchMode
} from '../../../src/renderer/learn/demos/batch-sizes'

const hidden: TrainingLayerSpec[] = [{ kind: 'dense', units: 8, activation: 'tanh' }]

async function trained(modes: readonly BatchMode[], epochs: number, layers = hidden, n = 400) {
  const { train, test } = moonsProblem(n, 0.15, 2)
  const race = new BatchRace({ train, test, hidden: layers, epochs, seed: 9, modes })
  while (await race.step());
  return race
}

/** The fraction of updates after which the loss went up. */
function risingShare(values: number[]): number {
  let rises = 0
  for (let i = 1; i < values.length; i++) if (values[i] > values[i - 1]) rises++
  return rises / (values.length - 1)
}

describe('true SGD, mini-batch and full batch', () => {
  it('makes n updates an epoch with batch 1, ceil(n/32) with 32 and one with the full batch', async () => {
    const race = await trained(defaultModes, 2)
    const n = race.spec.train.count
    expect(n).toBe(300)
    expect(race.runs.map((r) => r.updatesPerEpoch)).toEqual([300, 10, 1])
    expect(race.runs.map((r) => r.updates)).toEqual([600, 20, 2])
    expect(race.runs.map((r) => r.epochLoss.length)).toEqual([2, 2, 2])
    expect(race.runs.map((r) => r.epochMs.length)).toEqual([2, 2, 2])
  })

  it('counts a partial last batch as an update', () => {
    expect(updatesPerEpoch(50, 32)).toBe(2)
    expect(updatesPerEpoch(64, 32)).toBe(2)
    expect(updatesPerEpoch(65, 32)).toBe(3)
    expect(updatesPerEpoch(20, 32)).toBe(1)
    expect(updatesPerEpoch(20, 'all')).toBe(1)
  })

  it('starts every mode from the same initial weights', async () => {
    const race = await trained(
      [
        { label: 'a', batchSize: 'all', learningRate: 0.1 },
        { label: 'b', batchSize: 'all', learningRate: 3 }
      ],
      1
    )
    expect(race.runs[0].updateLoss[0]).toBe(race.runs[1].updateLoss[0])
  })

  it('gives a monotone loss with full batch on a convex problem (logistic regression)', async () => {
    const race = await trained([{ label: 'full', batchSize: 'all', learningRate: 0.5 }], 60, [])
    const loss = race.runs[0].epochLoss
    expect(loss).toHaveLength(60)
    for (let i = 1; i < loss.length; i++) expect(loss[i]).toBeLessThanOrEqual(loss[i - 1])
    expect(loss[59]).toBeLessThan(loss[0] - 0.1)
  })

  it('makes the batch-1 loss rise after many updates where the full-batch loss keeps falling', async () => {
    const race = await trained(defaultModes, 20)
    const [single, , full] = race.runs
    expect(risingShare(single.updateLoss)).toBeGreaterThan(0.3)
    expect(risingShare(full.updateLoss)).toBeLessThan(0.05)
  })

  it('learns the moons with every mode and reports a test accuracy', async () => {
    const race = await trained(defaultModes, 30)
    for (const run of race.runs) {
      expect(run.testAccuracy).toBeGreaterThan(0.8)
      expect(run.epochLoss[29]).toBeLessThan(run.epochLoss[0])
    }
    expect(race.done).toBe(true)
    expect(await race.step()).toBe(false)
  })

  it('interleaves the modes an epoch at a time', async () => {
    const { train, test } = moonsProblem(100, 0.1, 1)
    const race = new BatchRace({ train, test, hidden, epochs: 2, seed: 1, modes: defaultModes })
    await race.step()
    expect(race.runs.map((r) => r.epochs)).toEqual([1, 0, 0])
    await race.step()
    await race.step()
    expect(race.epochsDone).toBe(1)
  })
})
