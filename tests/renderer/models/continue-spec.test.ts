import { describe, expect, test } from 'vitest'
import type { ModelDetail } from '../../../src/contract/models'
import { continueSpec, DEFAULT_BATCH_SIZE } from '../../../src/renderer/models/continue-spec'
import { runSpec } from '../support/fixtures'

const training = runSpec({
  optimizer: { name: 'adam', config: { learning_rate: 0.001 } },
  epochs: 5,
  batchSize: 128,
  seed: 7
})

/** What an imported TF.js file gives: Keras layers and a compile config, no run spec. */
const imported: Pick<ModelDetail, 'training' | 'architecture' | 'compile' | 'dataset'> = {
  training: null,
  dataset: 'mnist',
  architecture: {
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      layers: [
        { class_name: 'InputLayer', config: { batch_shape: [null, 784] } },
        { class_name: 'Dense', config: { units: 64, activation: 'relu' } },
        { class_name: 'Dropout', config: { rate: 0.2 } },
        { class_name: 'Dense', config: { units: 10, activation: 'softmax' } }
      ]
    }
  },
  compile: {
    loss: 'categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: {
      name: 'rmsprop',
      learning_rate: 0.001,
      weight_decay: null,
      clipnorm: null,
      global_clipnorm: null,
      clipvalue: null,
      rho: 0.9
    }
  }
}

describe('continueSpec', () => {
  test('a model from a run continues with that run’s spec and the epochs asked for', () => {
    const plan = continueSpec({ ...imported, training }, 3)
    expect(plan).toEqual({ spec: { ...training, epochs: 3 } })
  })

  test('an imported model gets a spec rebuilt from its layers and compile config', () => {
    expect(continueSpec(imported, 2)).toEqual({
      spec: {
        data: { dataset: 'mnist' },
        layers: [
          { kind: 'dense', units: 64, activation: 'relu' },
          { kind: 'dropout', rate: 0.2 },
          { kind: 'dense', units: 10, activation: 'softmax' }
        ],
        loss: 'categorical_crossentropy',
        metrics: ['accuracy'],
        optimizer: {
          name: 'rmsprop',
          config: {
            learning_rate: 0.001,
            weight_decay: null,
            clipnorm: null,
            global_clipnorm: null,
            clipvalue: null,
            rho: 0.9
          }
        },
        epochs: 2,
        batchSize: DEFAULT_BATCH_SIZE,
        seed: 42
      }
    })
  })

  test('says why when it cannot', () => {
    expect(continueSpec({ ...imported, dataset: '' }, 1)).toEqual({
      reason: 'the model does not say which data set it learned'
    })
    expect(continueSpec({ ...imported, compile: null }, 1)).toHaveProperty('reason')
    const conv = {
      ...imported,
      architecture: {
        class_name: 'Sequential' as const,
        config: { name: 'cnn', layers: [{ class_name: 'Conv2D', config: {} }] }
      }
    }
    expect(continueSpec(conv, 1)).toEqual({
      reason: 'Descent trains Dense and Dropout layers only, not Conv2D'
    })
  })
})
