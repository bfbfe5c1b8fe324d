/**
 * Saving and loading Descent models in the TensorFlow.js Layers format: a model.json (topology,
 * weights manifest and Descent's metadata) and one weight file, as tfjs-layers 4.22 writes them
 * for `model.save` and reads them in `tf.loadLayersModel`. Bytes and JSON in, bytes and JSON out.
 */
import { Sequential } from '../model/sequential'
import {
  decodeMetadata,
  encodeMetadata,
  METADATA_VERSION,
  type CompileConfig,
  type DescentModelMetadata
} from './descent-metadata'
import { ModelFormatError } from './errors'
import { describe, isObject, object, sameJson } from './json-fields'
import { Notes } from './notes'
import { toTfjsTopology } from './tfjs-export'
import { architectureFromTfjs } from './tfjs-import'
import { GENERATED_BY, TFJS_FORMAT, type TfjsModelJson } from './tfjs-json'
import { readWeights, writeWeights, type LoadedWeight, type WeightShards } from './tfjs-weights'

export const WEIGHTS_FILE_NAME = 'weights.bin'

export interface SavedTfjsModel {
  /** The model.json text. */
  modelJson: string
  /** The name model.json gives the weight file: store `weights` under it beside model.json. */
  weightsFileName: string
  weights: Uint8Array
  /** What TF.js cannot hold exactly (e.g. an untruncated normal initializer). */
  notes: string[]
}

export interface LoadedTfjsModel {
  /** Built, with the file's weights; compiled, with its optimizer state, when Descent saved it. */
  model: Sequential
  /** Descent's metadata, or null for a file from TF.js or Keras. */
  metadata: DescentModelMetadata | null
  /** What the import changed or could not keep, for the user to read. */
  notes: string[]
}

/**
 * The model as TF.js Layers files. Descent's metadata goes along: what `metadata` gives, the rest
 * from the model (its compile settings and optimizer state); `version` and `spec` always
 * describe this model.
 */
export function saveTfjsLayers(
  model: Sequential,
  metadata: Partial<DescentModelMetadata> = {}
): SavedTfjsModel {
  const notes = new Notes()
  const modelTopology = toTfjsTopology(model, notes)
  model.build()
  const { manifest, bytes } = writeWeights(model.weights, WEIGHTS_FILE_NAME)
  const compile = compileConfigOf(model)
  const record: DescentModelMetadata = {
    createdAt: new Date().toISOString(),
    dataset: null,
    compile,
    history: null,
    optimizerState: compile ? model.optimizer.getState() : null,
    ...metadata,
    version: METADATA_VERSION,
    spec: model.toConfig()
  }
  const weightShapes = model.weights.map((w) => [...w.tensor.shape])
  const json: TfjsModelJson = {
    modelTopology,
    format: TFJS_FORMAT,
    generatedBy: GENERATED_BY,
    convertedBy: null,
    weightsManifest: manifest,
    userDefinedMetadata: { descent: encodeMetadata(record, weightShapes) }
  }
  return {
    modelJson: JSON.stringify(json),
    weightsFileName: WEIGHTS_FILE_NAME,
    weights: bytes,
    notes: notes.list()
  }
}

/** Sequential has no "is compiled" query; its compileConfig throws until compile() is called. */
function compileConfigOf(model: Sequential): CompileConfig | null {
  try {
    return model.compileConfig
  } catch {
    return null
  }
}

/**
 * A model from TF.js Layers files (Descent's, TF.js's, or Keras's through the TF.js converter).
 * Everything is checked as untrusted input; any problem is a ModelFormatError naming it.
 */
export function loadTfjsLayers(
  modelJson: string | object,
  weightShards: WeightShards
): LoadedTfjsModel {
  const notes = new Notes()
  const json = object(parseJson(modelJson), 'model.json')
  checkFormat(json.format)
  const metadata = descentMetadataOf(json.userDefinedMetadata)
  const model =
    (metadata && modelFromSpec(metadata, json.modelTopology, notes)) ??
    modelFromTopology(json.modelTopology, notes)
  assignWeights(model, readWeights(json.weightsManifest, weightShards, notes))
  if (metadata) restoreTraining(model, metadata)
  else
    notes.add(
      'no Descent metadata: the model comes without training history, compile settings or optimizer state'
    )
  if (!metadata?.compile && isObject(json.trainingConfig)) {
    notes.add(
      "TF.js's training config is not used: compile the model in Descent before training it"
    )
  }
  return { model, metadata, notes: notes.list() }
}

function parseJson(modelJson: string | object): unknown {
  if (typeof modelJson !== 'string') return modelJson
  try {
    return JSON.parse(modelJson)
  } catch (error) {
    throw new ModelFormatError(`model.json is not valid JSON: ${(error as Error).message}`)
  }
}

function checkFormat(format: unknown): void {
  if (format === undefined || format === TFJS_FORMAT) return
  if (format === 'graph-model') {
    throw new ModelFormatError(
      'model.json holds a TF.js graph model (converted from a SavedModel); Descent loads layers models'
    )
  }
  throw new ModelFormatError(
    `model.json has format ${describe(format)}; Descent loads "${TFJS_FORMAT}"`
  )
}

function descentMetadataOf(userDefined: unknown): DescentModelMetadata | null {
  if (userDefined === undefined || userDefined === null) return null
  const descent = object(userDefined, 'userDefinedMetadata').descent
  return descent === undefined ? null : decodeMetadata(descent)
}

/**
 * Descent's own spec keeps what the TF.js topology cannot say (a Dense with leaky_relu, Keras's
 * initializer names); it is used when it still describes the topology in the file.
 */
function modelFromSpec(
  metadata: DescentModelMetadata,
  topology: unknown,
  notes: Notes
): Sequential | null {
  try {
    const model = Sequential.fromConfig(metadata.spec)
    if (sameJson(toTfjsTopology(model, new Notes()), topology)) return model.build()
  } catch {
    // An unusable spec is no worse than a stale one: the topology decides.
  }
  notes.add(
    "Descent's architecture in the metadata does not match the TF.js topology (the file was changed after Descent saved it): the model is built from the topology"
  )
  return null
}

function modelFromTopology(topology: unknown, notes: Notes): Sequential {
  const { name, inputShape, layers } = architectureFromTfjs(topology, notes)
  try {
    return new Sequential({ name, inputShape, layers }).build()
  } catch (error) {
    throw new ModelFormatError(`the model cannot be built: ${(error as Error).message}`)
  }
}

/** Weights go by name, as TF.js loads them; each must fit its layer and each must be used. */
function assignWeights(model: Sequential, loaded: Map<string, LoadedWeight>): void {
  const values = model.layers.flatMap((layer) =>
    layer.weights.map((w) => {
      const entry = loaded.get(w.name)
      if (!entry) {
        throw new ModelFormatError(
          `the weights manifest has no "${w.name}", a weight of layer ${layer.name}`
        )
      }
      if (entry.shape.join() !== w.tensor.shape.join()) {
        throw new ModelFormatError(
          `weight "${w.name}" has shape [${entry.shape.join(', ')}] in the weights manifest, ` +
            `but layer ${layer.name} (${layer.className}) needs [${w.tensor.shape.join(', ')}]`
        )
      }
      loaded.delete(w.name)
      return entry.values
    })
  )
  if (loaded.size > 0) {
    const names = [...loaded.keys()].map((n) => `"${n}"`).join(', ')
    throw new ModelFormatError(
      `the weights manifest lists ${names}, which no layer of the model has`
    )
  }
  model.setWeights(values)
}

/** Compiles the model as it was and puts its optimizer back where training left it. */
function restoreTraining(model: Sequential, metadata: DescentModelMetadata): void {
  const { compile, optimizerState: state } = metadata
  const where = 'userDefinedMetadata.descent'
  if (!compile) {
    if (state) throw new ModelFormatError(`${where} has an optimizerState but no compile settings`)
    return
  }
  try {
    model.compile({
      optimizer: { ...compile.optimizer },
      loss: compile.loss,
      metrics: compile.metrics
    })
  } catch (error) {
    throw new ModelFormatError(`${where}.compile: ${(error as Error).message}`)
  }
  if (!state) return
  const sizes = model.weights.map((w) => w.tensor.size)
  for (const [name, arrays] of Object.entries(state.slots)) {
    const lengths = arrays.map((a) => a.length)
    const scalar = lengths.length === 1 && lengths[0] === 1
    if (!scalar && lengths.join() !== sizes.join()) {
      throw new ModelFormatError(
        `${where}.optimizerState.slots.${name} holds arrays of [${lengths.join(', ')}] values, ` +
          `but the model's weights have [${sizes.join(', ')}]`
      )
    }
  }
  const optimizer = model.optimizer
  try {
    // An optimizer that never stepped has created no slots yet: a fresh one is the same.
    if (Object.keys(state.slots).length === 0 && state.iterations === 0) {
      if (state.learningRate !== null) optimizer.setLearningRate(state.learningRate)
    } else optimizer.setState(state)
  } catch (error) {
    throw new ModelFormatError(`${where}.optimizerState: ${(error as Error).message}`)
  }
}
