/** A Descent model's architecture as the topology TF.js writes for a Sequential model. */
import { Activation } from '../layers/activation'
import { Dense } from '../layers/dense'
import { Dropout } from '../layers/dropout'
import type { Layer } from '../layers/layer'
import { regularizerSpec } from '../layers/regularizer'
import type { Sequential } from '../model/sequential'
import { ModelFormatError } from './errors'
import type { Notes } from './notes'
import { isTfjsActivation, LEAKY_RELU_SLOPE } from './tfjs-activations'
import { toTfjsInitializer } from './tfjs-initializers'
import {
  TFJS_BACKEND,
  TFJS_KERAS_VERSION,
  type TfjsModelTopology,
  type TfjsObjectJson
} from './tfjs-json'

export function toTfjsTopology(model: Sequential, notes: Notes): TfjsModelTopology {
  const inputShape = model.inputShape
  if (inputShape === null) {
    throw new ModelFormatError(
      `model ${model.name} does not know its input shape yet: build or train it before saving`
    )
  }
  if (model.layers.length === 0) throw new ModelFormatError(`model ${model.name} has no layers`)
  const names = new Set(model.layers.map((l) => l.name))
  const layers = model.layers.flatMap((layer) => tfjsLayers(layer, names, notes))
  // TF.js gives the first layer of a Sequential the input shape (with the batch axis) and dtype.
  Object.assign(layers[0].config, { batch_input_shape: [null, ...inputShape], dtype: 'float32' })
  return {
    class_name: 'Sequential',
    config: { name: model.name, layers },
    keras_version: TFJS_KERAS_VERSION,
    backend: TFJS_BACKEND
  }
}

/** One Descent layer as TF.js layers: a Dense with leaky_relu becomes Dense + LeakyReLU. */
function tfjsLayers(layer: Layer, names: Set<string>, notes: Notes): TfjsObjectJson[] {
  if (layer instanceof Dense) {
    const leaky = layer.activation === 'leaky_relu'
    const dense: TfjsObjectJson = {
      class_name: 'Dense',
      config: {
        units: layer.units,
        activation: leaky ? 'linear' : tfjsActivation(layer),
        use_bias: layer.useBias,
        kernel_initializer: toTfjsInitializer(
          layer.kernelInitializer.getConfig(),
          layer.name,
          notes
        ),
        bias_initializer: toTfjsInitializer(layer.biasInitializer.getConfig(), layer.name, notes),
        kernel_regularizer: layer.kernelRegularizer
          ? regularizerSpec(layer.kernelRegularizer)
          : null,
        bias_regularizer: null,
        activity_regularizer: null,
        kernel_constraint: null,
        bias_constraint: null,
        name: layer.name,
        trainable: true
      }
    }
    return leaky ? [dense, leakyRelu(freeName(`${layer.name}_leaky_relu`, names))] : [dense]
  }
  if (layer instanceof Dropout) {
    return [
      {
        class_name: 'Dropout',
        config: {
          rate: layer.rate,
          noise_shape: null,
          seed: null,
          name: layer.name,
          trainable: true
        }
      }
    ]
  }
  if (layer instanceof Activation) {
    if (layer.activation === 'leaky_relu') return [leakyRelu(layer.name)]
    return [
      {
        class_name: 'Activation',
        config: { activation: tfjsActivation(layer), name: layer.name, trainable: true }
      }
    ]
  }
  throw new ModelFormatError(
    `layer ${layer.name} is a ${layer.className}; Descent can save Dense, Dropout and Activation layers to TF.js`
  )
}

function tfjsActivation(layer: Dense | Activation): string {
  if (isTfjsActivation(layer.activation)) return layer.activation
  throw new ModelFormatError(
    `layer ${layer.name} uses activation ${layer.activation}, which TF.js 4.22 does not have`
  )
}

function leakyRelu(name: string): TfjsObjectJson {
  return { class_name: 'LeakyReLU', config: { alpha: LEAKY_RELU_SLOPE, name, trainable: true } }
}

/** `base`, or base_1, base_2, … whichever no layer has taken yet; the name is then taken. */
function freeName(base: string, names: Set<string>): string {
  let name = base
  for (let i = 1; names.has(name); i++) name = `${base}_${i}`
  names.add(name)
  return name
}
