/** The architecture as JSON, in Keras's layout: an InputLayer with the batch shape, then the layers. */
import { optionalInputShape } from '../layers/config'
import type { Layer, LayerSpec } from '../layers/layer'
import { layerFromSpec } from '../layers/registry'

export interface SequentialSpec {
  class_name: 'Sequential'
  config: { name: string; layers: LayerSpec[] }
}

export function sequentialSpec(
  name: string,
  inputShape: readonly number[] | null,
  layers: readonly Layer[]
): SequentialSpec {
  const input: LayerSpec[] = inputShape
    ? [
        {
          class_name: 'InputLayer',
          config: { batch_shape: [null, ...inputShape], dtype: 'float32', name: 'input_layer' }
        }
      ]
    : []
  return {
    class_name: 'Sequential',
    config: { name, layers: [...input, ...layers.map((l) => l.toSpec())] }
  }
}

/** New, unbuilt layers and the input shape from a spec (possibly from an untrusted file). */
export function parseSequentialSpec(spec: SequentialSpec): {
  name: string | undefined
  inputShape: number[] | undefined
  layers: Layer[]
} {
  if (spec?.class_name !== 'Sequential' || !Array.isArray(spec.config?.layers)) {
    throw new Error('a model spec must be { class_name: "Sequential", config: { layers: [...] } }')
  }
  const [first, ...rest] = spec.config.layers
  const inputLayer = first?.class_name === 'InputLayer' ? first : null
  const inputShape = inputLayer
    ? optionalInputShape(inputLayer.config ?? {}, 'InputLayer')
    : undefined
  if (inputLayer && !inputShape) throw new Error('InputLayer: the config has no batch_shape')
  return {
    name: typeof spec.config.name === 'string' ? spec.config.name : undefined,
    inputShape,
    layers: (inputLayer ? rest : spec.config.layers).map(layerFromSpec)
  }
}
