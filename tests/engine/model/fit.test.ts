import { describe, expect, it } from 'vitest'
import { Dataset } from '../../../src/engine/data/dataset'
import { Dense, Dropout } from '../../../src/engine/layers/index'
import { Sequential, type FitOptions } from '../../../src/engine/model/index'
import type { Logs } from '../../../src/engine/callbacks/index'
import { maxAbsDiff, regression, twoBlobs, xorSet } from './fixtures'

function classifier(seed = 1): Sequential {
  const model = new Sequential({ inputShape: [2], seed })
  model.add(new Dense({ units: 16, activation: 'tanh' }))
  model.add(new Dense({ units: 2, activation: 'softmax' }))
  model.compile({
    optimizer: { name: 'adam', learning_rate: 0.05 },
    loss: 'categorical_crossentropy',
    metrics: ['accuracy']
  })
  return model
}

/** Records each batch's size and logs. */
function batchRecorder() {
  const batches: Logs[] = []
  return {
    batches,
    callback: { onBatchEnd: (_step: number, logs: Logs) => void batches.push({ ...logs }) }
  }
}

describe('fit', () => {
  it('separates two Gaussian blobs (softmax + categorical cross-entropy)', async () => {
    const data = twoBlobs(400)
    const model = classifier()
    const history = await model.fit(data, { epochs: 10, batchSize: 32, validationSplit: 0.25 })
    expect(history.epoch).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(Object.keys(history.history).sort()).toEqual([
      'accuracy',
      'learning_rate',
      'loss',
      'val_accuracy',
      'val_loss'
    ])
    expect(history.history.loss[9]).toBeLessThan(history.history.loss[0])
    // The blobs overlap a little (σ = 0.5, centres 2√2 apart): ≈ 99.8 % is the Bayes rate.
    expect(history.history.val_accuracy[9]).toBeGreaterThan(0.95)
    expect(history.history.learning_rate).toEqual(Array(10).fill(0.05))
    expect(history.stoppedEarly).toBeUndefined()
  })

  it('learns XOR with a sigmoid output and binary cross-entropy', async () => {
    const data = xorSet(400)
    const model = new Sequential({ inputShape: [2], seed: 4 })
    model.add(new Dense({ units: 16, activation: 'tanh' }))
    model.add(new Dense({ units: 1, activation: 'sigmoid' }))
    model.compile({
      optimizer: { name: 'adam', learning_rate: 0.05 },
      loss: 'binary_crossentropy',
      metrics: ['accuracy']
    })
    const history = await model.fit(data, { epochs: 40, batchSize: 16 })
    expect(history.history.accuracy[39]).toBeGreaterThan(0.95)
    expect(model.evaluate(data).metrics.accuracy).toBeGreaterThan(0.95)
  })

  it('takes sparse labels with sparse_categorical_crossentropy', async () => {
    const model = new Sequential({ inputShape: [2], seed: 2 })
    model.add(new Dense({ units: 8, activation: 'relu' }))
    model.add(new Dense({ units: 2, activation: 'softmax' }))
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['acc'] })
    const history = await model.fit(twoBlobs(200), { epochs: 3, batchSize: 20 })
    expect(history.history.acc).toHaveLength(3)
    expect(history.history.loss[2]).toBeLessThan(history.history.loss[0])
  })

  it('runs ceil(n / batchSize) steps, the last one partial: 60000 / 128 -> 469 steps, last 96', async () => {
    const n = 60000
    const x = Array.from({ length: n }, (_, i) => [i / n])
    const data = regression(
      x,
      x.map(([v]) => 2 * v)
    )
    const model = new Sequential({ inputShape: [1] })
    model.add(new Dense({ units: 1 }))
    model.compile({ optimizer: 'sgd', loss: 'mse' })
    const { batches, callback } = batchRecorder()
    await model.fit(data, { epochs: 1, batchSize: 128, callbacks: [callback] })
    expect(batches).toHaveLength(469)
    expect(batches.slice(0, 468).every((b) => b.size === 128)).toBe(true)
    expect(batches[468].size).toBe(96)
    expect(model.optimizer.iterations).toBe(469)
  })

  it('logs the epoch loss as the mean over samples, weighting the partial batch by its size', async () => {
    // 10 samples in batches of 4, 4, 2; learning rate 0 keeps the weights fixed all epoch.
    const x = [[-2], [-1], [0], [1], [2], [3], [4], [5], [6], [7]]
    const t = [1, 0, 2, -1, 0, 3, 1, 9, -4, 12]
    const model = new Sequential({ inputShape: [1], seed: 3 })
    model.add(new Dense({ units: 1 }))
    model.compile({ optimizer: { name: 'sgd', learning_rate: 0 }, loss: 'mse', metrics: ['mae'] })
    const [w, b] = model.getWeights().map((a) => a[0])
    const squared = x.map(([v], i) => (w * v + b - t[i]) ** 2)
    const absolute = x.map(([v], i) => Math.abs(w * v + b - t[i]))
    const sampleMean = (e: number[]) => e.reduce((s, v) => s + v, 0) / e.length
    const batchMeans = [squared.slice(0, 4), squared.slice(4, 8), squared.slice(8)].map(sampleMean)

    const { batches, callback } = batchRecorder()
    const history = await model.fit(regression(x, t), {
      epochs: 1,
      batchSize: 4,
      shuffle: false,
      callbacks: [callback]
    })
    expect(batches.map((l) => l.size)).toEqual([4, 4, 2])
    batches.forEach((logs, i) => expect(logs.loss).toBeCloseTo(batchMeans[i], 4))
    expect(history.history.loss[0]).toBeCloseTo(sampleMean(squared), 4)
    expect(history.history.mae[0]).toBeCloseTo(sampleMean(absolute), 5)
    // The unweighted mean of the three batch losses is a different number.
    expect(Math.abs(sampleMean(batchMeans) - sampleMean(squared))).toBeGreaterThan(1)
  })

  it('moves the weights by -lr times the gradient of loss + L2 in one full-batch SGD step', async () => {
    // 3 samples, 2 features, a linear 2-class softmax head with an L2 kernel penalty.
    const features = [0.5, -1, 1.5, 0.25, -0.75, 2]
    const labels = [0, 1, 1]
    const data = Dataset.fromFloat32({
      name: 'tiny',
      features: Float32Array.from(features),
      featureShape: [2],
      task: 'multiclass',
      labels: Int32Array.from(labels),
      numClasses: 2
    })
    const model = new Sequential({ inputShape: [2], seed: 9 })
    model.add(
      new Dense({
        units: 2,
        activation: 'softmax',
        kernelRegularizer: { l2: 0.1 },
        biasInitializer: 'ones'
      })
    )
    model.compile({
      optimizer: { name: 'sgd', learning_rate: 1 },
      loss: 'categorical_crossentropy'
    })
    const [w, b] = model.getWeights().map((a) => [...a])
    // Float64 loss: mean over samples of -log softmax(xW + b)[label], plus 0.1·ΣW².
    const loss = (wv: number[], bv: number[]) => {
      let total = 0
      for (let n = 0; n < 3; n++) {
        const z = [0, 1].map(
          (j) => bv[j] + features[2 * n] * wv[j] + features[2 * n + 1] * wv[2 + j]
        )
        const lse = Math.log(Math.exp(z[0]) + Math.exp(z[1]))
        total += lse - z[labels[n]]
      }
      return total / 3 + 0.1 * wv.reduce((s, v) => s + v * v, 0)
    }
    const h = 1e-6
    const fd = (f: (v: number[]) => number, v: number[]) =>
      v.map(
        (_, k) =>
          (f(v.map((u, i) => (i === k ? u + h : u))) - f(v.map((u, i) => (i === k ? u - h : u)))) /
          (2 * h)
      )
    const gw = fd((v) => loss(v, b), w)
    const gb = fd((v) => loss(w, v), b)

    const history = await model.fit(data, { epochs: 1, batchSize: 100 })
    expect(history.history.loss[0]).toBeCloseTo(loss(w, b), 5)
    const [w1, b1] = model.getWeights()
    w.forEach((v, k) => expect(w1[k]).toBeCloseTo(v - gw[k], 5))
    b.forEach((v, k) => expect(b1[k]).toBeCloseTo(v - gb[k], 5))
  })

  it('runs true SGD (batch size 1) and full-batch gradient descent', async () => {
    const data = twoBlobs(60)
    for (const batchSize of [1, 60, 1000]) {
      const model = classifier()
      const { batches, callback } = batchRecorder()
      const history = await model.fit(data, { epochs: 3, batchSize, callbacks: [callback] })
      const steps = batchSize === 1 ? 60 : 1
      expect(batches).toHaveLength(3 * steps)
      expect(batches.every((b) => b.size === Math.min(batchSize, 60))).toBe(true)
      expect(history.history.loss[2]).toBeLessThan(history.history.loss[0])
    }
  })

  it('honours a stop request between batches, logging only whole epochs', async () => {
    const model = classifier()
    let finished = 0
    const options: FitOptions = {
      epochs: 5,
      batchSize: 10,
      callbacks: [{ onBatchEnd: () => void finished++ }],
      signal: { stopRequested: () => finished === 13 }
    }
    const history = await model.fit(twoBlobs(100), options)
    expect(finished).toBe(13)
    expect(history.epoch).toEqual([0])
    expect(history.stoppedEarly).toBe(true)
    expect(history.stopReason).toBe('stop requested')
  })

  it('gives the event loop a turn while training, so a timer can ask it to stop', async () => {
    const model = classifier()
    let stop = false
    setTimeout(() => (stop = true), 30)
    const started = Date.now()
    const history = await model.fit(twoBlobs(400), {
      epochs: 100000,
      batchSize: 1,
      signal: { stopRequested: () => stop }
    })
    expect(stop).toBe(true)
    expect(history.stoppedEarly).toBe(true)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('stops after the epoch in which a callback sets stopTraining (Keras semantics)', async () => {
    const model = classifier()
    const { batches, callback } = batchRecorder()
    const stopper = {
      onBatchEnd: (step: number) => void (step === 2 && (model.stopTraining = true))
    }
    const history = await model.fit(twoBlobs(100), {
      epochs: 4,
      batchSize: 10,
      callbacks: [callback, stopper]
    })
    expect(batches).toHaveLength(3)
    expect(history.epoch).toEqual([0])
    expect(history.history.loss).toHaveLength(1)
    expect(history.stoppedEarly).toBe(true)
  })

  it('continues from initialEpoch to epochs', async () => {
    const model = classifier()
    const history = await model.fit(twoBlobs(40), { epochs: 5, initialEpoch: 3, batchSize: 8 })
    expect(history.epoch).toEqual([3, 4])
    expect(model.optimizer.iterations).toBe(10)
  })

  it('checks that the data fits the model', async () => {
    const model = classifier()
    const wide = Dataset.fromFloat32({
      name: 'wide',
      features: new Float32Array(12),
      featureShape: [3],
      task: 'multiclass',
      labels: new Int32Array([0, 1, 0, 1]),
      numClasses: 2
    })
    await expect(model.fit(wide)).rejects.toThrow(
      /takes 2 features per sample but data set "wide" has 3/
    )
    await expect(model.fit(xorSet(10))).rejects.toThrow(
      /2 outputs per sample but data set "xor" has 1 target values \(a binary set/
    )
    await expect(model.fit(twoBlobs(10), { batchSize: 0 })).rejects.toThrow(
      /batchSize must be an integer ≥ 1/
    )
    const uncompiled = new Sequential({ inputShape: [2] }).add(new Dense({ units: 2 }))
    await expect(uncompiled.fit(twoBlobs(10))).rejects.toThrow(/compile the model first/)
  })
})

describe('evaluate and predict', () => {
  it('return [n, outDim] outputs in inference mode and the mean loss and metrics', async () => {
    const data = twoBlobs(50)
    const model = new Sequential({ inputShape: [2], seed: 8 })
    model.add(new Dense({ units: 8, activation: 'relu' }))
    model.add(new Dropout({ rate: 0.5 }))
    model.add(new Dense({ units: 2, activation: 'softmax' }))
    model.compile({
      optimizer: 'rmsprop',
      loss: 'categorical_crossentropy',
      metrics: ['accuracy', 'mse']
    })
    await model.fit(data, { epochs: 2, batchSize: 8 })

    const out = model.predict(data, { batchSize: 7 })
    expect(out).toHaveLength(50 * 2)
    for (let i = 0; i < 50; i++) expect(out[2 * i] + out[2 * i + 1]).toBeCloseTo(1, 6)
    // Dropout is off: predictions are repeatable, whatever the batch size or the input form.
    expect(maxAbsDiff(model.predict(data), out)).toBeLessThan(1e-6)
    const rows = new Float32Array(100)
    for (let i = 0; i < 50; i++) rows.set(data.sampleFeatures(i), 2 * i)
    expect(maxAbsDiff(model.predict(rows, { batchSize: 50 }), out)).toBeLessThan(1e-6)

    // evaluate's numbers recomputed from the predictions, in float64.
    let loss = 0
    let correct = 0
    let squared = 0
    for (let i = 0; i < 50; i++) {
      const label = data.labelOf(i)
      loss -= Math.log(out[2 * i + label])
      correct += (out[2 * i + 1] > out[2 * i] ? 1 : 0) === label ? 1 : 0
      squared += ((out[2 * i] - (label === 0 ? 1 : 0)) ** 2 + (out[2 * i + 1] - label) ** 2) / 2
    }
    const result = model.evaluate(data, { batchSize: 16 })
    expect(result.loss).toBeCloseTo(loss / 50, 5)
    expect(result.metrics).toEqual({ accuracy: correct / 50, mse: expect.closeTo(squared / 50, 6) })
    expect(() => model.predict(new Float32Array(5))).toThrow(/not whole rows of 2 features/)
  })

  it('predicts any number of rows the same as a whole-set prediction', () => {
    const data = twoBlobs(30)
    const model = new Sequential({ inputShape: [2], seed: 6 })
    model.add(new Dense({ units: 4, activation: 'elu' }))
    model.add(new Dense({ units: 3 }))
    const all = model.predict(data, { batchSize: 30 })
    const rows = new Float32Array(60)
    for (let i = 0; i < 30; i++) rows.set(data.sampleFeatures(i), 2 * i)
    // 30 distinct row counts: more plans than are kept, so old ones get dropped and re-recorded.
    for (let count = 1; count <= 30; count++) {
      const some = model.predict(rows.subarray(0, 2 * count), { batchSize: 64 })
      expect(maxAbsDiff(some, all.subarray(0, 3 * count))).toBeLessThan(1e-6)
    }
    expect(maxAbsDiff(model.predict(rows.subarray(0, 2)), all.subarray(0, 3))).toBeLessThan(1e-6)
  })

  it('predicts without compiling and builds from the data when no input shape was given', () => {
    const model = new Sequential({ seed: 1 })
    model.add(new Dense({ units: 3 }))
    const out = model.predict(twoBlobs(4))
    expect(out).toHaveLength(12)
    expect(model.inputShape).toEqual([2])
  })
})
