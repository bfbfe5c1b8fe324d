/**
 * A TF.js (or Keras) Sequential topology as Descent layers, checked as untrusted input. Layers
 * are counted from 1 as they appear in the file, so "layer 2 (conv2d_1)" is the second entry.
 */
import type { InitializerSpec } from '../initializers'
import { Activation } from '../layers/activation'
import { Dense } from '../layers/dense'
import { Dropout } from '../layers/dropout'
import type { Layer } from '../layers/layer'
import { resolveRegularizer, type RegularizerConfig } from '../layers/regularizer'
import { ModelFormatError } from './errors'
import {
  array,
  describe,
  finiteNumber,
  isObject,
  object,
  optionalBoolean,
  positiveInt,
  string,
  type JsonObject
} from './json-fields'
import type { Notes } from './notes'
import { activationFromTfjs, LEAKY_RELU_SLOPE } from './tfjs-activations'
import { fromTfjsInitializer, TFJS_DENSE_KERNEL_DEFAULT } from './tfjs-initializers'

export interface ImportedArchitecture {
  name: string
  inputShape: number[]
  layers: Layer[]
}

const LOADABLE =
  'Descent can load Dense, Dropout and Activation layers (and LeakyReLU with alpha 0.2)'

export function architectureFromTfjs(modelTopology: unknown, notes: Notes): ImportedArchitecture {
  const outer = object(modelTopology, 'modelTopology')
  // Keras's converter wraps the model as { model_config, training_config, … }, as TF.js reads it.
  const topology =
    outer.model_config === undefined
      ? outer
      : object(outer.model_config, 'modelTopology.model_config')
  const className = topology.class_name
  if (className !== 'Sequential') {
    throw new ModelFormatError(
      `the model is a ${describe(className)}, not a Sequential model; Descent loads Sequential models of Dense, Dropout and Activation layers`
    )
  }
  const config = object(topology.config, 'modelTopology.config')
  const entries = array(config.layers, 'modelTopology.config.layers')
  let inputShape: number[] | null = null
  const layers: Layer[] = []
  entries.forEach((entry, i) => {
    const where = `modelTopology.config.layers[${i}]`
    const spec = object(entry, where)
    const kind = string(spec.class_name, `${where}.class_name`)
    const layerConfig = object(spec.config ?? {}, `${where}.config`)
    const name =
      layerConfig.name === undefined ? undefined : string(layerConfig.name, `${where}.config.name`)
    const label = `layer ${i + 1} (${name ?? kind})`
    checkDtype(layerConfig, label)
    const declared = declaredInputShape(layerConfig, label)
    if (kind === 'InputLayer') {
      if (i !== 0) throw new ModelFormatError(`${label} is an InputLayer but not the first layer`)
      if (declared === null)
        throw new ModelFormatError(`${label}: the InputLayer has no batch_input_shape`)
      inputShape = declared
      return
    }
    if (layers.length === 0 && inputShape === null) inputShape = declared
    if (layerConfig.trainable === false)
      notes.add('frozen in TF.js (trainable: false); Descent trains every layer', label)
    layers.push(layerFromTfjs(kind, layerConfig, name, label, notes))
  })
  if (layers.length === 0) throw new ModelFormatError('the model has no layers')
  if (inputShape === null) {
    throw new ModelFormatError(
      'the model does not give its input shape: neither an InputLayer nor batch_input_shape on the first layer'
    )
  }
  const modelName =
    config.name === undefined ? 'sequential' : string(config.name, 'modelTopology.config.name')
  return { name: modelName, inputShape, layers }
}

function layerFromTfjs(
  kind: string,
  config: JsonObject,
  name: string | undefined,
  label: string,
  notes: Notes
): Layer {
  try {
    switch (kind) {
      case 'Dense':
        return denseFromTfjs(config, name, label, notes)
      case 'Dropout':
        return dropoutFromTfjs(config, name, label, notes)
      case 'Activation':
        return new Activation({ name, activation: activationFromTfjs(config.activation, label) })
      case 'LeakyReLU':
        return leakyReluFromTfjs(config, name, label)
    }
  } catch (error) {
    if (error instanceof ModelFormatError) throw error
    throw new ModelFormatError(`${label}: ${(error as Error).message}`)
  }
  throw new ModelFormatError(`${label} is a ${kind}; ${LOADABLE}`)
}

function denseFromTfjs(
  config: JsonObject,
  name: string | undefined,
  label: string,
  notes: Notes
): Dense {
  for (const key of [
    'bias_regularizer',
    'activity_regularizer',
    'kernel_constraint',
    'bias_constraint'
  ]) {
    if (config[key] !== undefined && config[key] !== null) {
      notes.add(
        `${key} dropped: Descent has none (predictions are unchanged, training would differ)`,
        label
      )
    }
  }
  if (config.kernel_initializer === undefined || config.kernel_initializer === null) {
    notes.add("no kernel_initializer given: TF.js's Dense default, glorotNormal, is assumed", label)
  }
  return new Dense({
    name,
    units: positiveInt(config.units, `${label}: units`),
    activation: activationFromTfjs(config.activation, label),
    useBias: optionalBoolean(config.use_bias, `${label}: use_bias`, true),
    kernelInitializer: initializer(
      config.kernel_initializer ?? TFJS_DENSE_KERNEL_DEFAULT,
      `${label} kernel_initializer`,
      'GlorotUniform',
      notes
    ),
    biasInitializer: initializer(
      config.bias_initializer ?? 'Zeros',
      `${label} bias_initializer`,
      'Zeros',
      notes
    ),
    kernelRegularizer: regularizer(config.kernel_regularizer, label)
  })
}

function initializer(
  value: unknown,
  where: string,
  fallback: string,
  notes: Notes
): InitializerSpec {
  return fromTfjsInitializer(value, where, { class_name: fallback, config: {} }, notes)
}

/** L1L2, L1 or L2 as TF.js and Keras write them; a malformed one names the layer. */
function regularizer(value: unknown, label: string): RegularizerConfig | null {
  if (value === undefined || value === null) return null
  const spec = object(value, `${label}: kernel_regularizer`)
  const className = string(spec.class_name, `${label}: kernel_regularizer.class_name`)
  const config = isObject(spec.config) ? spec.config : {}
  return resolveRegularizer({
    class_name: className,
    config: config as { l1?: number; l2?: number }
  })
}

function dropoutFromTfjs(
  config: JsonObject,
  name: string | undefined,
  label: string,
  notes: Notes
): Dropout {
  const rate = finiteNumber(config.rate, `${label}: rate`)
  if (!(rate >= 0 && rate < 1))
    throw new ModelFormatError(`${label}: rate must be in [0, 1), got ${rate}`)
  if (config.noise_shape !== undefined && config.noise_shape !== null) {
    notes.add('noise_shape dropped: Descent drops each unit independently', label)
  }
  return new Dropout({ name, rate })
}

/** Descent's leaky_relu has Keras's fixed slope; TF.js and Keras 3 default to 0.3. */
function leakyReluFromTfjs(
  config: JsonObject,
  name: string | undefined,
  label: string
): Activation {
  const slope = finiteNumber(config.alpha ?? config.negative_slope ?? 0.3, `${label}: alpha`)
  if (Math.fround(slope) !== Math.fround(LEAKY_RELU_SLOPE)) {
    throw new ModelFormatError(
      `${label} is a LeakyReLU with alpha ${slope}; Descent's leaky_relu has a fixed alpha of ${LEAKY_RELU_SLOPE}`
    )
  }
  return new Activation({ name, activation: 'leaky_relu' })
}

function checkDtype(config: JsonObject, label: string): void {
  if (config.dtype !== undefined && config.dtype !== null && config.dtype !== 'float32') {
    throw new ModelFormatError(
      `${label} has dtype ${describe(config.dtype)}; Descent computes in float32 only`
    )
  }
}

/** The per-sample input shape from batch_input_shape (TF.js, Keras 2) or batch_shape (Keras 3). */
function declaredInputShape(config: JsonObject, label: string): number[] | null {
  const batched = config.batch_input_shape ?? config.batch_shape
  if (batched === undefined || batched === null) return null
  const dims = array(batched, `${label}: batch_input_shape`).slice(1)
  if (dims.length === 0 || dims.some((d) => !Number.isSafeInteger(d) || (d as number) < 1)) {
    throw new ModelFormatError(
      `${label}: batch_input_shape must be [null, ...positive sizes], got ${describe(batched)}`
    )
  }
  return dims as number[]
}
