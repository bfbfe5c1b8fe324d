import { Activation } from './activation'
import { isRecord, type Config } from './config'
import { Dense } from './dense'
import { Dropout } from './dropout'
import type { Layer, LayerSpec } from './layer'

const FROM_CONFIG: Record<string, (config: Config) => Layer> = {
  Dense: Dense.fromConfig,
  Dropout: Dropout.fromConfig,
  Activation: Activation.fromConfig
}

/** The layer classes a config may name. */
export const LAYER_CLASSES = Object.keys(FROM_CONFIG)

/** Rebuilds an (unbuilt) layer from its Keras-style spec; a clear Error for anything unknown. */
export function layerFromSpec(spec: LayerSpec): Layer {
  if (!isRecord(spec) || typeof spec.class_name !== 'string') {
    throw new Error(`a layer spec must be { class_name, config }, got ${JSON.stringify(spec)}`)
  }
  const fromConfig = Object.hasOwn(FROM_CONFIG, spec.class_name)
    ? FROM_CONFIG[spec.class_name]
    : undefined
  if (!fromConfig) {
    throw new Error(
      `unknown layer class "${spec.class_name}"; supported: ${LAYER_CLASSES.join(', ')}`
    )
  }
  return fromConfig(isRecord(spec.config) ? spec.config : {})
}
