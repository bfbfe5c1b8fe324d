/**
 * The live model summary, Keras's model.summary() as a table: the engine builds the model in the
 * page (the very layers training will build) and each layer reports its output shape and weights.
 */
import type { TrainingLayerSpec } from '../../engine'
import { Dense, formatSampleShape } from '../../engine/layers'
import { Sequential } from '../../engine/model/sequential'
import { createLayer } from '../../engine/spec'

/** Models larger than this are not built in the page: their weights alone would take 200 MB. */
export const MAX_SUMMARY_PARAMS = 50_000_000

export interface SummaryRow {
  /** "dense_1 (Dense)" */
  layer: string
  /** "(None, 128)" */
  outputShape: string
  params: number
  /** How the count comes about: "784 × 32 + 32" for a Dense layer; '' for none. */
  formula: string
}

export interface ModelSummary {
  /** "(None, 784)" */
  inputShape: string
  rows: SummaryRow[]
  totalParams: number
  trainableParams: number
  /** float32 weights */
  bytes: number
}

/** kernel [in, out] plus bias [out]: "784 × 32 + 32". */
function denseFormula(layer: Dense): string {
  const [inputs, units] = layer.kernel.shape
  return layer.bias ? `${inputs} × ${units} + ${units}` : `${inputs} × ${units}`
}

/**
 * Dense weights counted without building (units·(inputs + 1) a layer), to refuse a model too
 * large to allocate before the engine tries.
 */
export function countDenseParams(
  layers: readonly TrainingLayerSpec[],
  featureShape: readonly number[]
): number {
  let inputs = featureShape.reduce((p, d) => p * d, 1)
  let params = 0
  for (const layer of layers) {
    if (layer.kind !== 'dense') continue
    params += layer.units * (inputs + 1)
    inputs = layer.units
  }
  return params
}

/** Builds the model for these layers and input shape; throws the engine's error when it cannot. */
export function summarize(
  layers: readonly TrainingLayerSpec[],
  featureShape: readonly number[],
  seed = 0
): ModelSummary {
  const model = new Sequential({ inputShape: featureShape, seed })
  for (const spec of layers) model.add(createLayer(spec))
  model.build()
  const rows = model.layers.map((layer) => ({
    layer: `${layer.name} (${layer.className})`,
    outputShape: formatSampleShape(layer.outputShape!),
    params: layer.countParams(),
    formula: layer instanceof Dense ? denseFormula(layer) : ''
  }))
  const weights = model.weights
  const totalParams = weights.reduce((n, w) => n + w.tensor.size, 0)
  const trainableParams = weights.reduce((n, w) => n + (w.trainable ? w.tensor.size : 0), 0)
  return {
    inputShape: formatSampleShape(featureShape),
    rows,
    totalParams,
    trainableParams,
    bytes: totalParams * Float32Array.BYTES_PER_ELEMENT
  }
}
