import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadTfjsLayers, saveTfjsLayers } from '../../../src/engine/formats/index'
import { Activation, Dense, Dropout } from '../../../src/engine/layers/index'
import { Sequential } from '../../../src/engine/model/index'
import { Rng } from '../../../src/engine/random'
import {
  arrayBufferOf,
  denseNet,
  loadIntoTfjs,
  maxAbsDiff,
  randomRows,
  saveFromTfjs,
  tfPredict,
  useTfjsCpu
} from './helpers'

beforeAll(useTfjsCpu)

describe('Descent → TF.js', () => {
  it('TF.js loads the files through its JSON loader and predicts what Descent predicts', async () => {
    const model = new Sequential({ name: 'descent_net', inputShape: [8], seed: 9 })
    model.add(new Dense({ units: 16, activation: 'elu', kernelInitializer: 'he_uniform' }))
    model.add(new Dropout({ rate: 0.5 }))
    model.add(
      new Dense({ units: 16, activation: 'leaky_relu', kernelInitializer: 'glorot_normal' })
    )
    model.add(
      new Dense({ units: 12, activation: 'gelu', kernelRegularizer: { l1: 0.01, l2: 0.02 } })
    )
    model.add(new Dense({ units: 8, activation: 'tanh' }))
    model.add(new Dense({ units: 8, activation: 'softplus', biasInitializer: 'ones' }))
    model.add(new Dense({ units: 6, activation: 'sigmoid' }))
    model.add(new Dense({ units: 4 }))
    model.add(new Activation({ activation: 'softmax' }))
    model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] })
    const saved = saveTfjsLayers(model)

    const tfModel = await loadIntoTfjs(saved.modelJson, saved.weights)
    const rows = randomRows(7, 8)
    expect(maxAbsDiff(tfPredict(tfModel, rows, 8), model.predict(rows))).toBeLessThan(1e-5)
    expect(tfModel.name).toBe('descent_net')
    expect(tfModel.layers.map((l) => l.getClassName())).toEqual([
      'Dense',
      'Dropout',
      'Dense',
      'LeakyReLU',
      'Dense',
      'Dense',
      'Dense',
      'Dense',
      'Dense',
      'Activation'
    ])
    // Keras's glorot_normal and TF.js's differ in name only through the scale written for TF.js.
    const glorotNormal = tfModel.layers[2].getConfig().kernelInitializer as {
      config: { scale: number; distribution: string }
    }
    expect(glorotNormal.config.distribution).toBe('normal')
    expect(glorotNormal.config.scale).toBeCloseTo(1 / 0.87962566103423978 ** 2, 12)
    expect(tfModel.getUserDefinedMetadata()).toEqual(
      JSON.parse(saved.modelJson).userDefinedMetadata
    )
    tfModel.dispose()
  })

  it('TF.js loads them from memory too (tf.io.fromMemory), as model.json says', async () => {
    const model = denseNet([8, 16, 4], ['relu', 'softmax'])
    const saved = saveTfjsLayers(model)
    const json = JSON.parse(saved.modelJson)
    expect(json).toMatchObject({
      format: 'layers-model',
      generatedBy: 'Descent',
      convertedBy: null,
      modelTopology: {
        class_name: 'Sequential',
        keras_version: 'tfjs-layers 4.22.0',
        backend: 'tensor_flow.js'
      },
      weightsManifest: [
        {
          paths: ['weights.bin'],
          weights: [
            { name: 'dense/kernel', shape: [8, 16], dtype: 'float32' },
            { name: 'dense/bias', shape: [16], dtype: 'float32' },
            { name: 'dense_1/kernel', shape: [16, 4], dtype: 'float32' },
            { name: 'dense_1/bias', shape: [4], dtype: 'float32' }
          ]
        }
      ]
    })
    expect(json.modelTopology.config.layers[0].config).toMatchObject({
      batch_input_shape: [null, 8],
      dtype: 'float32',
      kernel_initializer: {
        class_name: 'VarianceScaling',
        config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null }
      }
    })
    expect(saved.weights.length).toBe(4 * (8 * 16 + 16 + 16 * 4 + 4))
    const tfModel = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: arrayBufferOf(saved.weights)
      })
    )
    const rows = randomRows(5, 8, 3)
    expect(maxAbsDiff(tfPredict(tfModel, rows, 8), model.predict(rows))).toBeLessThan(1e-5)
    tfModel.dispose()
  })

  it('a 784-32-10 MNIST-sized model gives TF.js the same predictions', async () => {
    const model = denseNet([784, 32, 10], ['relu', 'softmax'], 17)
    const saved = saveTfjsLayers(model)
    const tfModel = await loadIntoTfjs(saved.modelJson, saved.weights)
    const rows = randomRows(4, 784, 5).map((v) => (v + 2) / 4) // pixels in [0, 1]
    expect(maxAbsDiff(tfPredict(tfModel, rows, 784), model.predict(rows))).toBeLessThan(1e-5)
    tfModel.dispose()
  })
})

describe('TF.js → Descent', () => {
  it('loads what tf.sequential saved, predicts as TF.js does and says which initializer TF.js used', async () => {
    const tfModel = tf.sequential({ name: 'from_tfjs' })
    tfModel.add(tf.layers.dense({ units: 16, inputShape: [8], activation: 'relu' }))
    tfModel.add(tf.layers.dropout({ rate: 0.2 }))
    tfModel.add(tf.layers.dense({ units: 12, activation: 'gelu', kernelInitializer: 'heUniform' }))
    tfModel.add(tf.layers.leakyReLU({ alpha: 0.2 }))
    tfModel.add(tf.layers.dense({ units: 8, activation: 'elu', useBias: false }))
    tfModel.add(tf.layers.activation({ activation: 'tanh' }))
    tfModel.add(
      tf.layers.dense({ units: 4, activation: 'softmax', biasInitializer: 'randomNormal' })
    )
    const { modelJson, weights } = await saveFromTfjs(tfModel)

    const { model, metadata, notes } = loadTfjsLayers(JSON.stringify(modelJson), [weights])
    const rows = randomRows(9, 8, 4)
    expect(maxAbsDiff(model.predict(rows), tfPredict(tfModel, rows, 8))).toBeLessThan(1e-5)
    expect(metadata).toBeNull()
    expect(model.name).toBe('from_tfjs')
    expect(model.layers.map((l) => `${l.className}:${l.name}`)).toEqual(
      tfModel.layers.map(
        (l) => `${l.getClassName() === 'LeakyReLU' ? 'Activation' : l.getClassName()}:${l.name}`
      )
    )
    const [first, , heUniform] = model.layers as Dense[]
    expect(heUniform.kernelInitializer.getConfig()).toEqual({ class_name: 'HeUniform', config: {} })
    expect(first.kernelInitializer.getConfig()).toEqual({
      class_name: 'VarianceScaling',
      config: { scale: 0.87962566103423978 ** 2, mode: 'fan_avg', distribution: 'truncated_normal' }
    })
    const glorotNote = notes.find((n) => n.includes("TF.js's glorotNormal, its Dense default"))
    expect(glorotNote).toMatch(/^layer 1 \(dense_Dense\d+\) kernel_initializer, layer 5 /)
    expect(notes).toContain(
      'no Descent metadata: the model comes without training history, compile settings or optimizer state'
    )
    tfModel.dispose()
  })

  it("TF.js's glorotNormal and Descent's reading of it draw the same distribution", async () => {
    const [fanIn, fanOut] = [150, 250]
    const tfModel = tf.sequential({
      layers: [
        tf.layers.dense({ units: fanOut, inputShape: [fanIn], kernelInitializer: 'glorotNormal' })
      ]
    })
    const { modelJson, weights } = await saveFromTfjs(tfModel)
    const { model } = loadTfjsLayers(modelJson, [weights])
    const ours = new Float32Array(fanIn * fanOut)
    ;(model.layers[0] as Dense).kernelInitializer.fill(ours, [fanIn, fanOut], new Rng(1))
    const theirs = tfModel.layers[0].getWeights()[0].dataSync() as Float32Array
    // A normal truncated at ±2σ, σ = √(2 / (fanIn + fanOut)), has standard deviation 0.8796σ.
    const sigma = Math.sqrt(2 / (fanIn + fanOut))
    for (const draws of [theirs, ours]) {
      const values = Array.from(draws)
      const mean = values.reduce((s, v) => s + v, 0) / values.length
      const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length)
      expect(std / (0.87962566103423978 * sigma)).toBeCloseTo(1, 1)
      expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(2 * sigma * 1.0001)
      expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(1.9 * sigma)
    }
    tfModel.dispose()
  })

  it('reads an explicit InputLayer and skips the optimizer weights TF.js saved with includeOptimizer', async () => {
    const tfModel = tf.sequential({
      layers: [
        tf.layers.inputLayer({ inputShape: [6] }),
        tf.layers.dense({ units: 5, activation: 'sigmoid' }),
        tf.layers.dense({ units: 3, activation: 'softmax' })
      ]
    })
    tfModel.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' })
    const xs = tf.tensor2d(randomRows(8, 6, 2), [8, 6])
    const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3)
    await tfModel.fit(xs, ys, { epochs: 1, verbose: 0 })
    const { modelJson, weights } = await saveFromTfjs(tfModel, true)
    expect(
      (modelJson.modelTopology as { config: { layers: { class_name: string }[] } }).config.layers[0]
        .class_name
    ).toBe('InputLayer')

    const { model, notes } = loadTfjsLayers(modelJson, { 'model.weights.bin': weights })
    expect(model.inputShape).toEqual([6])
    const rows = randomRows(4, 6, 8)
    expect(maxAbsDiff(model.predict(rows), tfPredict(tfModel, rows, 6))).toBeLessThan(1e-5)
    expect(notes).toContain(
      "the 9 optimizer weights TF.js saved (group 'optimizer') are not loaded; Descent keeps optimizer state in its own metadata"
    )
    expect(notes).toContain(
      "TF.js's training config is not used: compile the model in Descent before training it"
    )
    tf.dispose([xs, ys])
    tfModel.dispose()
  })

  it('reads a Keras converter model.json: model_config wrapper, InputLayer, two weight shards', () => {
    const kernel = [1, -2, 0.5, 3, -1, 2] // [3, 2], row-major
    const bias = [0.25, -0.5]
    const bytes = new Uint8Array(new Float32Array([...kernel, ...bias]).buffer)
    const modelJson = {
      format: 'layers-model',
      generatedBy: 'keras v2.15.0',
      convertedBy: 'TensorFlow.js Converter v4.22.0',
      modelTopology: {
        keras_version: '2.15.0',
        backend: 'tensorflow',
        model_config: {
          class_name: 'Sequential',
          config: {
            name: 'sequential',
            layers: [
              {
                class_name: 'InputLayer',
                config: {
                  batch_input_shape: [null, 3],
                  dtype: 'float32',
                  sparse: false,
                  ragged: false,
                  name: 'dense_input'
                }
              },
              {
                class_name: 'Dense',
                config: {
                  name: 'dense',
                  trainable: true,
                  dtype: 'float32',
                  units: 2,
                  activation: 'relu',
                  use_bias: true,
                  kernel_initializer: {
                    module: 'keras.initializers',
                    class_name: 'GlorotUniform',
                    config: { seed: null },
                    registered_name: null
                  },
                  bias_initializer: {
                    module: 'keras.initializers',
                    class_name: 'Zeros',
                    config: {},
                    registered_name: null
                  },
                  kernel_regularizer: {
                    module: 'keras.regularizers',
                    class_name: 'L2',
                    config: { l2: 0.01 },
                    registered_name: null
                  },
                  bias_regularizer: null,
                  activity_regularizer: null,
                  kernel_constraint: null,
                  bias_constraint: null
                }
              }
            ]
          }
        }
      },
      weightsManifest: [
        {
          paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
          weights: [
            { name: 'dense/kernel', shape: [3, 2], dtype: 'float32' },
            { name: 'dense/bias', shape: [2], dtype: 'float32' }
          ]
        }
      ]
    }
    const shards = [bytes.slice(0, 10), bytes.slice(10)] // split inside a float, as shards may be
    const { model } = loadTfjsLayers(modelJson, shards)
    const dense = model.layers[0] as Dense
    expect(dense.kernelInitializer.getConfig()).toEqual({ class_name: 'GlorotUniform', config: {} })
    expect(dense.kernelRegularizer).toEqual({ l1: 0, l2: 0.01 })
    // x = [1, 1, 1]: x·W sums W's columns, [1 + 0.5 - 1, -2 + 3 + 2] = [0.5, 3]; + b = [0.75, 2.5].
    expect(Array.from(model.predict(new Float32Array([1, 1, 1])))).toEqual([0.75, 2.5])
  })
})
