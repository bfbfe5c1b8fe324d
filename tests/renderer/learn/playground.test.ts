import { describe, expect, it } from 'vitest'
import { optimizerNames } from '../../../src/engine'
import { mnistQuery } from '../../../src/renderer/learn/demos/mnist-link'
import {
  classProbabilities,
  defaultPlayground,
  Playground,
  playgroundSets,
  suggestedRates,
  type PlaygroundSpec
} from '../../../src/renderer/learn/demos/playground'

async function trainedFor(spec: PlaygroundSpec, epochs: number): Promise<Playground> {
  const p = new Playground(spec)
  for (let e = 0; e < epochs; e++) await p.trainEpoch()
  return p
}

/** The share of points whose label is the XOR of the signs of their coordinates. */
function xorRuleAccuracy(xy: Float32Array, labels: Int32Array): number {
  let right = 0
  labels.forEach((label, i) => {
    const rule = xy[2 * i] > 0 !== xy[2 * i + 1] > 0 ? 1 : 0
    if (rule === label) right++
  })
  return right / labels.length
}

describe('the 2D classification playground', () => {
  it('learns xor nearly as well as the rule that generated it', async () => {
    const p = await trainedFor({ ...defaultPlayground, dataset: 'xor', noise: 0.02 }, 30)
    const best = xorRuleAccuracy(p.testPoints.xy, p.testPoints.labels)
    expect(best).toBeGreaterThan(0.95)
    expect(p.history.testAccuracy.at(-1)).toBeGreaterThan(best - 0.04)
    expect(p.history.accuracy.at(-1)).toBeGreaterThan(0.93)
  })

  it('learns the moons to high accuracy', async () => {
    const p = await trainedFor({ ...defaultPlayground, dataset: 'moons' }, 40)
    expect(p.history.accuracy.at(-1)).toBeGreaterThan(0.97)
    expect(p.history.testAccuracy.at(-1)).toBeGreaterThan(0.95)
    expect(p.history.loss.at(-1)).toBeLessThan(p.history.loss[0] / 4)
  })

  it('picks the output and loss from the task: softmax for the three-arm spiral, sigmoid else', () => {
    const spiral = new Playground({ ...defaultPlayground, dataset: 'spiral' })
    expect(spiral.classes).toBe(3)
    expect(spiral.trainingSpec.loss).toBe('categorical_crossentropy')
    expect(spiral.trainingSpec.layers.at(-1)).toEqual({
      kind: 'dense',
      units: 3,
      activation: 'softmax'
    })
    const circles = new Playground({ ...defaultPlayground, dataset: 'circles' })
    expect(circles.classes).toBe(2)
    expect(circles.trainingSpec.loss).toBe('binary_crossentropy')
    expect(circles.trainingSpec.layers.at(-1)).toEqual({
      kind: 'dense',
      units: 1,
      activation: 'sigmoid'
    })
  })

  it('holds out the test fraction and keeps the hidden layers given', () => {
    const p = new Playground({
      ...defaultPlayground,
      samples: 200,
      testFraction: 0.25,
      hidden: [{ units: 5, activation: 'relu' }]
    })
    expect(p.train.count).toBe(150)
    expect(p.test.count).toBe(50)
    expect(p.trainPoints.xy).toHaveLength(300)
    expect(p.testPoints.labels).toHaveLength(50)
    expect(p.trainingSpec.layers[0]).toEqual({ kind: 'dense', units: 5, activation: 'relu' })
    expect(p.trainingSpec.layers).toHaveLength(2)
  })

  it('learns the moons with every optimizer the engine has, at its suggested rate', async () => {
    for (const optimizer of optimizerNames) {
      const learningRate = suggestedRates[optimizer]
      const spec = { ...defaultPlayground, dataset: 'moons' as const, optimizer, learningRate }
      const p = await trainedFor(spec, 30)
      expect(p.trainingSpec.optimizer).toEqual({
        name: optimizer,
        config: { learning_rate: learningRate }
      })
      expect(p.history.testAccuracy.at(-1)).toBeGreaterThan(0.85)
    }
  })

  it('gives class probabilities that sum to one at any point of the plane', () => {
    for (const dataset of playgroundSets) {
      const p = new Playground({ ...defaultPlayground, dataset })
      const probs = p.probabilities(Float32Array.from([0, 0, 1, -1, -2, 2]))
      expect(probs).toHaveLength(3 * p.classes)
      for (let i = 0; i < 3; i++) {
        let sum = 0
        for (let c = 0; c < p.classes; c++) sum += probs[i * p.classes + c]
        expect(sum).toBeCloseTo(1, 5)
      }
    }
  })

  it('turns one sigmoid output into two class probabilities', () => {
    expect([...classProbabilities(Float32Array.from([0.25, 1]), 1)]).toEqual([0.75, 0.25, 0, 1])
    const softmax = Float32Array.from([0.2, 0.3, 0.5])
    expect(classProbabilities(softmax, 3)).toBe(softmax)
  })

  it('trains for a time budget, at least one epoch', async () => {
    let now = 0
    const p = new Playground({ ...defaultPlayground, samples: 100 })
    expect(await p.trainFor(0, () => now)).toBe(1)
    // Each reading of this clock is 10 ms on: 10, 20 and 30 ms have passed after epochs 1, 2, 3.
    const clock = (): number => (now += 10)
    expect(await p.trainFor(25, clock)).toBe(3)
    expect(p.epoch).toBe(4)
  })
})

describe('the "try this on MNIST" link', () => {
  it('carries the optimizer, rate, batch size, epochs and layers with a 10-way softmax', () => {
    expect(
      mnistQuery({
        optimizer: 'rmsprop',
        lr: 0.001,
        batchSize: 128,
        epochs: 5,
        hidden: [
          { units: 512, activation: 'relu' },
          { units: 128, activation: 'relu' }
        ]
      })
    ).toEqual({
      dataset: 'mnist',
      optimizer: 'rmsprop',
      lr: '0.001',
      batchSize: '128',
      epochs: '5',
      layers: '512:relu,128:relu,10:softmax'
    })
    expect(mnistQuery({ optimizer: 'sgd', lr: 0.5 })).toEqual({
      dataset: 'mnist',
      optimizer: 'sgd',
      lr: '0.5',
      layers: '10:softmax'
    })
  })
})
