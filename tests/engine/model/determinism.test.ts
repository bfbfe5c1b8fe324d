import { describe, expect, it } from 'vitest'
import { Dense, Dropout } from '../../../src/engine/layers/index'
import { Sequential } from '../../../src/engine/model/index'
import { sameBits, twoBlobs } from './fixtures'

/** A net with dropout (Rng draws every step) trained with shuffling and a partial last batch. */
function net(seed: number): Sequential {
  const model = new Sequential({ inputShape: [2], seed })
  model.add(new Dense({ units: 12, activation: 'relu' }))
  model.add(new Dropout({ rate: 0.3 }))
  model.add(new Dense({ units: 2, activation: 'softmax' }))
  model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] })
  return model
}

const DATA = twoBlobs(90)
const FIT = { batchSize: 16, validationSplit: 0.2 }

describe('determinism', () => {
  it('the same seed gives bit-identical weights and history; another seed does not', async () => {
    const a = net(5)
    const b = net(5)
    const c = net(6)
    const ha = await a.fit(DATA, { epochs: 3, ...FIT })
    const hb = await b.fit(DATA, { epochs: 3, ...FIT })
    await c.fit(DATA, { epochs: 3, ...FIT })
    expect(sameBits(a.getWeights(), b.getWeights())).toBe(true)
    expect(hb).toEqual(ha)
    expect(sameBits(a.getWeights(), c.getWeights())).toBe(false)
  })

  it('fit({ seed }) fixes the batch order and dropout masks, whatever the model seed drew before', async () => {
    const a = net(1)
    const b = net(1)
    b.predict(DATA) // inference draws nothing from the Rng
    await a.fit(DATA, { epochs: 2, seed: 77, ...FIT })
    await b.fit(DATA, { epochs: 2, seed: 77, ...FIT })
    expect(sameBits(a.getWeights(), b.getWeights())).toBe(true)
    const c = net(1)
    await c.fit(DATA, { epochs: 2, seed: 78, ...FIT })
    expect(sameBits(a.getWeights(), c.getWeights())).toBe(false)
  })

  it('a run restored at an epoch boundary ends bit-identical to an uninterrupted one', async () => {
    const whole = net(3)
    const wholeHistory = await whole.fit(DATA, { epochs: 4, ...FIT })

    const first = net(3)
    await first.fit(DATA, { epochs: 2, ...FIT })
    // The checkpoint: weights, optimizer state and Rng state, through JSON-like copies.
    const checkpoint = {
      spec: JSON.parse(JSON.stringify(first.toConfig())),
      weights: first.getWeights(),
      optimizer: first.optimizer.getState(),
      rng: JSON.parse(JSON.stringify(first.getRngState()))
    }

    const resumed = Sequential.fromConfig(checkpoint.spec, { seed: 3 })
    resumed.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] })
    resumed.setWeights(checkpoint.weights)
    resumed.optimizer.setState(checkpoint.optimizer)
    resumed.setRngState(checkpoint.rng)
    const rest = await resumed.fit(DATA, { epochs: 4, initialEpoch: 2, ...FIT })

    expect(sameBits(resumed.getWeights(), whole.getWeights())).toBe(true)
    expect(rest.epoch).toEqual([2, 3])
    expect(rest.history.loss).toEqual(wholeHistory.history.loss.slice(2))
    expect(resumed.optimizer.iterations).toBe(whole.optimizer.iterations)
  })

  it('a stop requested between epochs leaves the Rng where the last epoch left it', async () => {
    const model = net(4)
    let atEpochEnd: unknown = null
    let epochsDone = 0
    await model.fit(DATA, {
      epochs: 5,
      ...FIT,
      callbacks: [{ onEpochEnd: () => void ((atEpochEnd = model.getRngState()), epochsDone++) }],
      signal: { stopRequested: () => epochsDone === 2 }
    })
    expect(epochsDone).toBe(2)
    expect(model.getRngState()).toEqual(atEpochEnd)
  })
})
