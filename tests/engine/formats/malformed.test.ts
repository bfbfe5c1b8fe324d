import { describe, expect, it } from 'vitest'
import { loadTfjsLayers, ModelFormatError, saveTfjsLayers } from '../../../src/engine/formats/index'
import { Dense, Layer } from '../../../src/engine/layers/index'
import { Sequential } from '../../../src/engine/model/index'
import type { Tensor } from '../../../src/engine/tensor'
import { denseNet } from './helpers'

/** Parsed model.json, poked anywhere by the tests below. */
type Json = Record<string, any>

/** A valid 4-3-2 file from Descent, as parsed JSON and weight bytes, trained state included. */
function file(): { json: Json; weights: Uint8Array } {
  const model = denseNet([4, 3, 2], ['relu', 'softmax'])
  model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy' })
  model.optimizer.apply(
    model.getWeights(),
    model.getWeights().map((w) => w.map(() => 0.1))
  )
  const saved = saveTfjsLayers(model)
  return { json: JSON.parse(saved.modelJson), weights: saved.weights }
}

/** The same file as TF.js would have it: no Descent metadata, so the topology alone decides. */
function tfjsFile(): { json: Json; weights: Uint8Array } {
  const f = file()
  delete f.json.userDefinedMetadata
  return f
}

function loadError(
  json: unknown,
  weights: Uint8Array[] | Record<string, Uint8Array>
): ModelFormatError {
  try {
    loadTfjsLayers(json as object, weights)
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFormatError)
    return error as ModelFormatError
  }
  throw new Error('the file loaded')
}

const layers = (json: Json): Json[] => json.modelTopology.config.layers

describe('loadTfjsLayers refuses a malformed model.json, naming the problem', () => {
  it('text that is not JSON, or JSON that is not a model', () => {
    expect(loadError('{"format": "layers-model",', []).message).toMatch(
      /^model\.json is not valid JSON: /
    )
    expect(loadError('[1, 2]', []).message).toBe('model.json must be an object, got [1,2]')
    const { json, weights } = tfjsFile()
    delete json.modelTopology
    expect(loadError(json, [weights]).message).toBe('modelTopology must be an object, got nothing')
  })

  it('a graph model, another format, a functional model, no layers list', () => {
    const { json, weights } = tfjsFile()
    expect(loadError({ ...json, format: 'graph-model' }, [weights]).message).toMatch(
      /TF\.js graph model/
    )
    expect(loadError({ ...json, format: 'onnx' }, [weights]).message).toBe(
      'model.json has format "onnx"; Descent loads "layers-model"'
    )
    const functional = {
      ...json,
      modelTopology: { ...json.modelTopology, class_name: 'Functional' }
    }
    expect(loadError(functional, [weights]).message).toMatch(
      /^the model is a "Functional", not a Sequential model/
    )
    json.modelTopology.config.layers = 'dense'
    expect(loadError(json, [weights]).message).toBe(
      'modelTopology.config.layers must be a list, got "dense"'
    )
  })

  it('a layer class Descent does not have', () => {
    const { json, weights } = tfjsFile()
    layers(json).splice(1, 0, { class_name: 'Conv2D', config: { name: 'conv2d_1', filters: 8 } })
    expect(loadError(json, [weights]).message).toBe(
      'layer 2 (conv2d_1) is a Conv2D; Descent can load Dense, Dropout and Activation layers (and LeakyReLU with alpha 0.2)'
    )
  })

  it('an activation Descent does not have, a LeakyReLU with another slope, a bad units count', () => {
    let { json, weights } = tfjsFile()
    layers(json)[0].config.activation = 'selu'
    expect(loadError(json, [weights]).message).toMatch(
      /^layer 1 \(dense\) uses activation "selu", which Descent does not have; Descent loads linear, relu, /
    )
    ;({ json, weights } = tfjsFile())
    layers(json).push({ class_name: 'LeakyReLU', config: { alpha: 0.3, name: 'leaky' } })
    expect(loadError(json, [weights]).message).toBe(
      "layer 3 (leaky) is a LeakyReLU with alpha 0.3; Descent's leaky_relu has a fixed alpha of 0.2"
    )
    ;({ json, weights } = tfjsFile())
    layers(json)[1].config.units = 2.5
    expect(loadError(json, [weights]).message).toBe(
      'layer 2 (dense_1): units must be a positive integer, got 2.5'
    )
  })

  it('no input shape, an input shape Dense cannot take, a dtype other than float32', () => {
    let { json, weights } = tfjsFile()
    delete layers(json)[0].config.batch_input_shape
    expect(loadError(json, [weights]).message).toBe(
      'the model does not give its input shape: neither an InputLayer nor batch_input_shape on the first layer'
    )
    ;({ json, weights } = tfjsFile())
    layers(json)[0].config.batch_input_shape = [null, 2, 2]
    expect(loadError(json, [weights]).message).toMatch(/^the model cannot be built: .*flat samples/)
    ;({ json, weights } = tfjsFile())
    layers(json)[0].config.dtype = 'float16'
    expect(loadError(json, [weights]).message).toBe(
      'layer 1 (dense) has dtype "float16"; Descent computes in float32 only'
    )
  })

  it('a weight whose shape does not fit its layer, a weight missing or left over', () => {
    let { json, weights } = tfjsFile()
    const manifest = json.weightsManifest[0].weights
    manifest[0].shape = [3, 4] // same byte count, wrong layout for a 4 → 3 kernel
    expect(loadError(json, [weights]).message).toBe(
      'weight "dense/kernel" has shape [3, 4] in the weights manifest, but layer dense (Dense) needs [4, 3]'
    )
    ;({ json, weights } = tfjsFile())
    json.weightsManifest[0].weights[1].name = 'dense/bias_renamed'
    expect(loadError(json, [weights]).message).toBe(
      'the weights manifest has no "dense/bias", a weight of layer dense'
    )
    ;({ json, weights } = tfjsFile())
    json.weightsManifest[0].weights.push({ name: 'extra/kernel', shape: [1], dtype: 'float32' })
    const longer = new Uint8Array(weights.length + 4)
    longer.set(weights)
    expect(loadError(json, [longer]).message).toBe(
      'the weights manifest lists "extra/kernel", which no layer of the model has'
    )
  })

  it('weight bytes shorter or longer than the manifest says', () => {
    const { json, weights } = tfjsFile()
    expect(weights.length).toBe(4 * (4 * 3 + 3 + 3 * 2 + 2))
    expect(loadError(json, [weights.subarray(0, weights.length - 4)]).message).toBe(
      'the weight file of group 1 (weights.bin) holds 88 bytes, but the manifest lists 92 bytes of weights: the file is truncated'
    )
    const longer = new Uint8Array(weights.length + 1)
    longer.set(weights)
    expect(loadError(json, [longer]).message).toBe(
      'the weight file of group 1 (weights.bin) holds 93 bytes, but the manifest lists 92 bytes of weights: the file has extra bytes'
    )
  })

  it('a dtype other than float32, quantized weights, weight files missing or miscounted', () => {
    let { json, weights } = tfjsFile()
    json.weightsManifest[0].weights[1].dtype = 'int32'
    expect(loadError(json, [weights]).message).toBe(
      'weight "dense/bias" has dtype int32; Descent reads float32 weights only'
    )
    ;({ json, weights } = tfjsFile())
    json.weightsManifest[0].weights[0].quantization = { dtype: 'uint8', scale: 0.01, min: -1 }
    expect(loadError(json, [weights]).message).toBe(
      'weight "dense/kernel" is quantized ("uint8"); Descent reads unquantized float32 weights: save the model without quantization'
    )
    ;({ json, weights } = tfjsFile())
    expect(loadError(json, { 'other.bin': weights }).message).toBe(
      'the weight file weights.bin named in the weights manifest was not given'
    )
    expect(loadError(json, [weights, weights]).message).toBe(
      'the weights manifest lists 1 weight file (weights.bin), but 2 were given'
    )
    json.weightsManifest[0].weights[0].shape = [4, -3]
    expect(loadError(json, [weights]).message).toBe(
      'weightsManifest[0].weights[0].shape (of "dense/kernel")[1] must be an integer >= 0, got -3'
    )
  })

  it('concatenates several shards and groups in manifest order', () => {
    const { json, weights } = tfjsFile()
    const [kernel, bias, ...rest] = json.weightsManifest[0].weights
    json.weightsManifest = [
      { paths: ['a1.bin', 'a2.bin'], weights: [kernel, bias] },
      { paths: ['b1.bin'], weights: rest }
    ]
    const split = 4 * (12 + 3)
    const shards = {
      'b1.bin': weights.slice(split),
      'a2.bin': weights.slice(7, split),
      'a1.bin': weights.slice(0, 7)
    }
    const { model } = loadTfjsLayers(json, shards)
    const whole = loadTfjsLayers(tfjsFile().json, [weights]).model
    expect(model.getWeights()).toEqual(whole.getWeights())
    expect(loadError(json, [weights.slice(0, 7), weights.slice(7)]).message).toMatch(
      /lists 3 weight files/
    )
  })

  it('malformed Descent metadata', () => {
    let { json, weights } = file()
    json.userDefinedMetadata.descent.version = 99
    expect(loadError(json, [weights]).message).toBe(
      'the Descent metadata has version 99; this Descent reads version 1: update Descent'
    )
    ;({ json, weights } = file())
    json.userDefinedMetadata.descent.optimizerState.slots.momentum[0].data = 'not base64!'
    expect(loadError(json, [weights]).message).toBe(
      'userDefinedMetadata.descent.optimizerState.slots.momentum[0].data is not base64: its length 11 is not a multiple of 4'
    )
    ;({ json, weights } = file())
    json.userDefinedMetadata.descent.optimizerState.slots.momentum[0].shape = [4, 4]
    expect(loadError(json, [weights]).message).toBe(
      'userDefinedMetadata.descent.optimizerState.slots.momentum[0].data holds 48 bytes, but shape [4, 4] needs 64'
    )
    ;({ json, weights } = file())
    const slots = json.userDefinedMetadata.descent.optimizerState.slots
    slots.momentum.pop()
    slots.velocity.pop()
    expect(loadError(json, [weights]).message).toBe(
      'userDefinedMetadata.descent.optimizerState.slots.momentum holds arrays of [12, 3, 6] values, ' +
        "but the model's weights have [12, 3, 6, 2]"
    )
    ;({ json, weights } = file())
    json.userDefinedMetadata.descent.compile.optimizer.name = 'lbfgs'
    expect(loadError(json, [weights]).message).toMatch(
      /^userDefinedMetadata\.descent\.compile: Unknown optimizer "lbfgs"/
    )
    ;({ json, weights } = file())
    json.userDefinedMetadata.descent.history = { epoch: [0], history: { loss: ['much'] } }
    expect(loadError(json, [weights]).message).toBe(
      'userDefinedMetadata.descent.history.history.loss[0] must be a number, got "much"'
    )
  })
})

describe('saveTfjsLayers refuses what it cannot write', () => {
  it('a layer class other than Dense, Dropout and Activation', () => {
    class Flatten extends Layer {
      readonly className = 'Flatten'
      protected readonly namePrefix = 'flatten'
      protected create(inputShape: readonly number[]): readonly number[] {
        return inputShape
      }
      call(x: Tensor): Tensor {
        return x
      }
      protected ownConfig(): Record<string, unknown> {
        return {}
      }
    }
    const model = new Sequential({
      inputShape: [2],
      layers: [new Flatten(), new Dense({ units: 2 })]
    })
    expect(() => saveTfjsLayers(model)).toThrow(
      new ModelFormatError(
        'layer flatten is a Flatten; Descent can save Dense, Dropout and Activation layers to TF.js'
      )
    )
  })
})
