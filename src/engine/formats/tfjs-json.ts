/**
 * The TensorFlow.js Layers format (model.json + weight files) as tfjs-layers 4.22 writes it for
 * `model.save`: the Keras topology with snake_case keys, and a manifest of the float32 weights
 * stored little-endian one after another in the weight files.
 */
import type { JsonObject } from './json-fields'

export const TFJS_FORMAT = 'layers-model'
export const TFJS_KERAS_VERSION = 'tfjs-layers 4.22.0'
export const TFJS_BACKEND = 'tensor_flow.js'
export const GENERATED_BY = 'Descent'

/** A serialized layer, initializer or regularizer: { class_name: 'Dense', config: { … } }. */
export interface TfjsObjectJson {
  class_name: string
  config: JsonObject
}

export interface TfjsModelTopology {
  class_name: 'Sequential'
  config: { name: string; layers: TfjsObjectJson[] }
  keras_version: string
  backend: string
}

export interface TfjsWeightSpec {
  name: string
  shape: number[]
  dtype: 'float32'
}

/** One group of weights, stored in `paths` in order; TF.js splits large groups into shards. */
export interface TfjsWeightsGroup {
  paths: string[]
  weights: TfjsWeightSpec[]
}

export interface TfjsModelJson {
  modelTopology: TfjsModelTopology
  format: typeof TFJS_FORMAT
  generatedBy: string
  convertedBy: null
  weightsManifest: TfjsWeightsGroup[]
  userDefinedMetadata?: JsonObject
}
