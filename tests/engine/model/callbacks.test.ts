import { describe, expect, it } from 'vitest'
import {
  EarlyStopping,
  LearningRateScheduler,
  ReduceLROnPlateau,
  TerminateOnNaN,
  type Callback,
  type Logs,
  type TrainingModel
} from '../../../src/engine/callbacks/index'
import { Dense } from '../../../src/engine/layers/index'
import { Sequential } from '../../../src/engine/model/index'
import { regression, twoBlobs } from './fixtures'

/** A stand-in model whose weights are one number and whose learning rate is plain state. */
function fakeModel(lr = 1): TrainingModel & { weight: number } {
  let rate = lr
  const model = {
    weight: 0,
    stopTraining: false,
    stopReason: undefined as string | undefined,
    getWeights: () => [Float32Array.of(model.weight)],
    setWeights: (w: Float32Array[]) => void (model.weight = w[0][0]),
    optimizer: {
      get learningRate() {
        return rate
      },
      setLearningRate: (v: number) => void (rate = v)
    }
  }
  return model
}

/** Feeds a callback a scripted series of epoch values under `key`; returns the epoch it stopped at. */
function drive(
  callback: Callback,
  model: TrainingModel & { weight: number },
  key: string,
  values: number[]
) {
  callback.setModel?.(model)
  callback.onTrainBegin?.({})
  let epoch = 0
  for (; epoch < values.length; epoch++) {
    model.weight = epoch
    callback.onEpochEnd?.(epoch, { [key]: values[epoch] })
    if (model.stopTraining) break
  }
  callback.onTrainEnd?.({})
  return epoch
}

/** Overwrites logs[key] with a script before later callbacks see it. */
const script = (key: string, values: number[]): Callback => ({
  onEpochEnd: (epoch: number, logs: Logs) => void (logs[key] = values[epoch])
})

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without improvement and restores the best weights in fit', async () => {
    const model = new Sequential({ inputShape: [2], seed: 1 })
    model.add(new Dense({ units: 2, activation: 'softmax' }))
    model.compile({
      optimizer: { name: 'sgd', learning_rate: 0.1 },
      loss: 'categorical_crossentropy'
    })
    const snapshots: Float32Array[][] = []
    const record: Callback = { onEpochEnd: () => void snapshots.push(model.getWeights()) }
    const stopper = new EarlyStopping({
      monitor: 'val_loss',
      patience: 2,
      restoreBestWeights: true
    })
    const history = await model.fit(twoBlobs(40), {
      epochs: 10,
      batchSize: 8,
      validationSplit: 0.25,
      callbacks: [script('val_loss', [5, 3, 4, 4.5, 6, 1]), stopper, record]
    })
    expect(history.epoch).toEqual([0, 1, 2, 3])
    expect(history.history.val_loss).toEqual([5, 3, 4, 4.5])
    expect(history.stoppedEarly).toBe(true)
    expect(history.stopReason).toMatch(
      /early stopping: val_loss did not improve for 2 epochs \(best 3 at epoch 2\)/
    )
    expect(model.getWeights()).toEqual(snapshots[1])
    expect(model.getWeights()).not.toEqual(snapshots[3])
  })

  it('maximises accuracies in auto mode and honours minDelta', () => {
    const model = fakeModel()
    // Gains of 0.005 are below minDelta 0.01: no improvement after epoch 0.
    expect(
      drive(
        new EarlyStopping({ monitor: 'val_accuracy', patience: 2, minDelta: 0.01 }),
        model,
        'val_accuracy',
        [0.5, 0.505, 0.51, 0.6]
      )
    ).toBe(2)
    const rising = fakeModel()
    expect(
      drive(
        new EarlyStopping({ monitor: 'accuracy', patience: 1 }),
        rising,
        'accuracy',
        [0.5, 0.6, 0.7, 0.8]
      )
    ).toBe(4)
    expect(rising.stopTraining).toBe(false)
  })

  it('keeps counting while the value does not beat the baseline', () => {
    const losses = [3, 2.5, 2.6, 2.7, 0.5]
    // Without a baseline, 2.6 and 2.7 are only two epochs without improvement: no stop.
    expect(
      drive(new EarlyStopping({ monitor: 'loss', patience: 3 }), fakeModel(), 'loss', losses)
    ).toBe(5)
    // With baseline 1, improvements above it do not reset the count: the third epoch stops.
    const stopper = new EarlyStopping({ monitor: 'loss', patience: 3, baseline: 1 })
    expect(drive(stopper, fakeModel(), 'loss', losses)).toBe(2)
    expect(stopper.best).toBe(2.5)
  })

  it('restores the weights of the best epoch even when training ran to the end', () => {
    const model = fakeModel()
    drive(
      new EarlyStopping({ monitor: 'loss', patience: 5, restoreBestWeights: true }),
      model,
      'loss',
      [3, 1, 2, 2.5]
    )
    expect(model.weight).toBe(1)
  })

  it('rejects an unknown mode', () => {
    expect(() => new EarlyStopping({ mode: 'up' as never })).toThrow(/auto, min or max/)
  })
})

describe('TerminateOnNaN', () => {
  it('stops a diverging run at once, with a reason and no NaN in the history', async () => {
    const x = Array.from({ length: 32 }, (_, i) => [i / 4, 1])
    const model = new Sequential({ inputShape: [2], seed: 2 })
    model.add(new Dense({ units: 1 }))
    model.compile({ optimizer: { name: 'sgd', learning_rate: 0.01 }, loss: 'mse' })
    let batchesAfterNaN = 0
    let sawNaN = false
    const watch: Callback = {
      onBatchEnd: (_step, logs) => {
        if (sawNaN) batchesAfterNaN++
        if (!Number.isFinite(logs.loss)) sawNaN = true
      }
    }
    // Two sane epochs, then a learning rate that makes the loss explode.
    const history = await model.fit(
      regression(
        x,
        x.map(([v]) => 3 * v)
      ),
      {
        epochs: 10,
        batchSize: 4,
        callbacks: [
          new LearningRateScheduler((epoch) => (epoch < 2 ? 0.001 : 1e6)),
          new TerminateOnNaN(),
          watch
        ]
      }
    )
    expect(sawNaN).toBe(true)
    expect(batchesAfterNaN).toBe(0)
    expect(history.epoch).toEqual([0, 1])
    expect(Object.values(history.history).flat().every(Number.isFinite)).toBe(true)
    expect(history.stoppedEarly).toBe(true)
    expect(history.stopReason).toMatch(
      /^loss became (NaN|infinite) at epoch 3, step \d+ — the learning rate is probably too high$/
    )
  })
})

describe('ReduceLROnPlateau', () => {
  it('multiplies the learning rate by factor after `patience` flat epochs, with cooldown and a floor', () => {
    const model = fakeModel(1)
    const reducer = new ReduceLROnPlateau({
      monitor: 'val_loss',
      factor: 0.5,
      patience: 2,
      cooldown: 1,
      minLr: 0.2
    })
    const rates: number[] = []
    reducer.setModel(model)
    reducer.onTrainBegin()
    const losses = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    losses.forEach((v, epoch) => {
      reducer.onEpochEnd(epoch, { val_loss: v })
      rates.push(model.optimizer.learningRate)
    })
    // Keras's order: epoch 0 sets the best; epoch 1 waits 1; epoch 2 waits 2 -> halve, cooldown 1.
    // Epoch 3 spends the cooldown and, no longer cooling down, waits 1; epoch 4 halves again.
    // Epoch 6 would go to 0.125 but stops at minLr 0.2; then lr is not above float32(minLr).
    expect(rates).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2])
  })

  it('does not count an improvement larger than minDelta as a plateau', () => {
    const model = fakeModel(1)
    const reducer = new ReduceLROnPlateau({ patience: 1, minDelta: 0.1 })
    reducer.setModel(model)
    reducer.onTrainBegin()
    reducer.onEpochEnd(0, { val_loss: 1 })
    reducer.onEpochEnd(1, { val_loss: 0.8 })
    expect(model.optimizer.learningRate).toBe(1)
    reducer.onEpochEnd(2, { val_loss: 0.75 })
    expect(model.optimizer.learningRate).toBeCloseTo(0.1, 12)
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(/factor must be < 1/)
  })
})

describe('LearningRateScheduler and the callback hooks', () => {
  it('sets the rate each epoch, logs it, and calls every hook in order', async () => {
    const model = new Sequential({ inputShape: [2], seed: 1 })
    model.add(new Dense({ units: 2, activation: 'softmax' }))
    model.compile({ optimizer: 'sgd', loss: 'categorical_crossentropy', metrics: ['accuracy'] })
    const events: string[] = []
    const spy: Callback = {
      onTrainBegin: () => void events.push('train-begin'),
      onEpochBegin: (e) => void events.push(`epoch-begin ${e}`),
      onBatchBegin: (s, logs) => void events.push(`batch-begin ${s} size ${logs.size}`),
      onBatchEnd: (s, logs) =>
        void events.push(`batch-end ${s} ${Object.keys(logs).sort().join(',')}`),
      onEpochEnd: (e, logs) =>
        void events.push(`epoch-end ${e} ${Object.keys(logs).sort().join(',')}`),
      onTrainEnd: () => void events.push('train-end')
    }
    const history = await model.fit(twoBlobs(6), {
      epochs: 2,
      batchSize: 4,
      callbacks: [new LearningRateScheduler((epoch) => 0.1 * 0.5 ** epoch), spy]
    })
    expect(history.history.learning_rate).toEqual([0.1, 0.05])
    expect(events).toEqual([
      'train-begin',
      'epoch-begin 0',
      'batch-begin 0 size 4',
      'batch-end 0 accuracy,loss,size',
      'batch-begin 1 size 2',
      'batch-end 1 accuracy,loss,size',
      'epoch-end 0 accuracy,learning_rate,loss',
      'epoch-begin 1',
      'batch-begin 0 size 4',
      'batch-end 0 accuracy,loss,size',
      'batch-begin 1 size 2',
      'batch-end 1 accuracy,loss,size',
      'epoch-end 1 accuracy,learning_rate,loss',
      'train-end'
    ])
    const broken = new LearningRateScheduler(() => Number.NaN)
    await expect(model.fit(twoBlobs(6), { callbacks: [broken] })).rejects.toThrow(
      /schedule returned NaN at epoch 0/
    )
  })
})
