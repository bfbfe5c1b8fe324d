/** Shared pieces of the model-file tests: small models, inputs, and TF.js on its cpu backend. */
import * as tf from '@tensorflow/tfjs'
import { Dataset } from '../../../src/engine/data/dataset'
import { Dense } from '../../../src/engine/layers/index'
import type { ActivationName } from '../../../src/engine/ops/index'
import { Sequential } from '../../../src/engine/model/index'
import { Rng } from '../../../src/engine/random'

export async function useTfjsCpu(): Promise<void> {
  await tf.setBackend('cpu')
  await tf.ready()
}

/** n rows of `width` values drawn uniformly from [-2, 2]. */
export function randomRows(n: number, width: number, seed = 11): Float32Array {
  const rng = new Rng(seed)
  return Float32Array.from({ length: n * width }, () => rng.uniform(-2, 2))
}

/** in → hidden → out Dense layers, built, with its own seed. */
export function denseNet(sizes: number[], activations: ActivationName[], seed = 3): Sequential {
  const model = new Sequential({ inputShape: [sizes[0]], seed })
  activations.forEach((activation, i) => model.add(new Dense({ units: sizes[i + 1], activation })))
  return model.build()
}

/** A classification set of `n` random rows for a model with `features` inputs and `classes` outputs. */
export function randomClasses(n: number, features: number, classes: number, seed = 5): Dataset {
  const rng = new Rng(seed)
  return Dataset.fromFloat32({
    name: 'random classes',
    features: randomRows(n, features, seed + 1),
    featureShape: [features],
    task: 'multiclass',
    labels: Int32Array.from({ length: n }, () => rng.int(classes)),
    numClasses: classes
  })
}

export function tfPredict(model: tf.LayersModel, rows: Float32Array, width: number): Float32Array {
  return tf.tidy(() => {
    const out = model.predict(tf.tensor2d(rows, [rows.length / width, width])) as tf.Tensor
    return out.dataSync() as Float32Array
  })
}

/** A fresh ArrayBuffer holding exactly these bytes, as TF.js wants its weight data. */
export function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer
}

/**
 * Loads model.json text and its weight file into TF.js the way its file loaders do: through
 * tf.io.getModelArtifactsForJSON, with the weights concatenated in manifest order.
 */
export function loadIntoTfjs(modelJson: string, weights: Uint8Array): Promise<tf.LayersModel> {
  return tf.loadLayersModel({
    load: () =>
      tf.io.getModelArtifactsForJSON(JSON.parse(modelJson), async (manifest) => [
        manifest.flatMap((group) => group.weights),
        arrayBufferOf(weights)
      ])
  })
}

/** What TF.js's `model.save` would write: model.json (as an object) and its weight file. */
export async function saveFromTfjs(
  model: tf.LayersModel,
  includeOptimizer = false
): Promise<{ modelJson: Record<string, unknown>; weights: Uint8Array }> {
  let saved: { modelJson: Record<string, unknown>; weights: Uint8Array } | null = null
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const { weightSpecs, weightData, ...rest } = artifacts
      const bytes = new Uint8Array(weightData as ArrayBuffer)
      saved = {
        modelJson: {
          ...rest,
          weightsManifest: [{ paths: ['model.weights.bin'], weights: weightSpecs }]
        },
        weights: bytes
      }
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    }),
    { includeOptimizer }
  )
  return saved!
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity
  let max = 0
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]))
  return max
}

export function sameBits(a: Float32Array, b: Float32Array): boolean {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length)
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length)
  return x.length === y.length && x.every((v, i) => v === y[i])
}
