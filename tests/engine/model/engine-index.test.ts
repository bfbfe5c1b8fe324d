import { describe, expect, it } from 'vitest'
import * as engine from '../../../src/engine/index'

describe('the engine barrel', () => {
  it('re-exports every module the app builds on', () => {
    const names = [
      'Tensor',
      'trace',
      'grad',
      'valueAndGrad',
      'matmul',
      'softmax',
      'computeLoss',
      'metricSum',
      'Rng',
      'getBackend',
      'setBackend',
      'resolveInitializer',
      'Dense',
      'Dropout',
      'Activation',
      'layerFromSpec',
      'Sequential',
      'EarlyStopping',
      'TerminateOnNaN',
      'ReduceLROnPlateau',
      'LearningRateScheduler',
      'createOptimizer',
      'Dataset',
      'loadMnist',
      'buildModel'
    ]
    for (const name of names) expect(engine[name as keyof typeof engine], name).toBeDefined()
  })

  it('trains a model through the barrel alone', async () => {
    const data = engine.makeSynthetic('blobs', { n: 60, seed: 1 })
    const model = new engine.Sequential({ inputShape: data.featureShape, seed: 1 })
    model.add(new engine.Dense({ units: data.targetDim, activation: 'softmax' }))
    model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] })
    const history = await model.fit(data, { epochs: 2, batchSize: 16 })
    expect(history.history.loss).toHaveLength(2)
  })
})
