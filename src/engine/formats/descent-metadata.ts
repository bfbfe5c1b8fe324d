/**
 * Descent's own record of a model, carried in model.json's userDefinedMetadata.descent (TF.js
 * keeps it and ignores it): where the model came from, how it was compiled, its training history
 * and its optimizer state, so a reloaded model keeps all that Keras loses on reload.
 */
import type { Dataset, Task } from '../data/dataset'
import type { History } from '../model/history'
import type { SequentialSpec } from '../model/sequential'
import type { OptimizerConfig, OptimizerState } from '../optimizers/index'
import { decodeBase64, encodeBase64 } from './base64'
import { ModelFormatError } from './errors'
import { bytesToFloat32, float32ToBytes } from './float32-bytes'
import {
  array,
  nonNegativeInt,
  numberList,
  object,
  optionalBoolean,
  positiveInt,
  shape,
  string,
  stringList,
  type JsonObject
} from './json-fields'

/** The layout of DescentModelMetadata; a file with a higher version needs a newer Descent. */
export const METADATA_VERSION = 1

export interface DatasetDescription {
  name: string
  task: Task
  count: number
  featureShape: number[]
  numClasses: number
  targetDim: number
  classNames: string[] | null
}

export interface CompileConfig {
  loss: string
  metrics: string[]
  optimizer: OptimizerConfig
}

export interface SourceRun {
  id: string
  name?: string
}

export interface DescentModelMetadata {
  version: number
  /** ISO 8601 time of saving. */
  createdAt: string
  /** The data set the model was trained on. */
  dataset: DatasetDescription | null
  /** Descent's own architecture JSON (Sequential.toConfig()). */
  spec: SequentialSpec
  compile: CompileConfig | null
  history: History | null
  optimizerState: OptimizerState | null
  sourceRun?: SourceRun
}

export function describeDataset(data: Dataset): DatasetDescription {
  return {
    name: data.name,
    task: data.task,
    count: data.count,
    featureShape: [...data.featureShape],
    numClasses: data.numClasses,
    targetDim: data.targetDim,
    classNames: data.classNames ? [...data.classNames] : null
  }
}

const ROOT = 'userDefinedMetadata.descent'
const TASKS: readonly Task[] = ['multiclass', 'binary', 'regression']

/**
 * The JSON form: optimizer slots as base64 little-endian float32 with their shapes (a slot shaped
 * like weight i takes `weightShapes[i]`), non-finite history values as the strings "NaN",
 * "Infinity" and "-Infinity", which JSON cannot hold as numbers.
 */
export function encodeMetadata(
  meta: DescentModelMetadata,
  weightShapes: readonly number[][]
): JsonObject {
  return {
    version: meta.version,
    createdAt: meta.createdAt,
    dataset: meta.dataset as unknown as JsonObject | null,
    spec: meta.spec as unknown as JsonObject,
    compile: meta.compile as unknown as JsonObject | null,
    history: meta.history && encodeHistory(meta.history),
    optimizerState: meta.optimizerState && encodeOptimizerState(meta.optimizerState, weightShapes),
    ...(meta.sourceRun ? { sourceRun: { ...meta.sourceRun } } : {})
  }
}

function encodeHistory(h: History): JsonObject {
  const history: Record<string, (number | string)[]> = {}
  for (const [key, values] of Object.entries(h.history)) {
    history[key] = values.map((v) => (Number.isFinite(v) ? v : String(v)))
  }
  return { ...h, epoch: [...h.epoch], history }
}

function encodeOptimizerState(
  state: OptimizerState,
  weightShapes: readonly number[][]
): JsonObject {
  const slots: Record<string, JsonObject[]> = {}
  for (const [name, arrays] of Object.entries(state.slots)) {
    const likeWeights =
      arrays.length === weightShapes.length &&
      arrays.every((a, i) => a.length === size(weightShapes[i]))
    slots[name] = arrays.map((a, i) => ({
      dtype: 'float32',
      shape: likeWeights ? [...weightShapes[i]] : [a.length],
      data: encodeBase64(float32ToBytes([a]))
    }))
  }
  return { iterations: state.iterations, learningRate: state.learningRate, slots }
}

/** Reads and checks the JSON form; any malformed field is a ModelFormatError naming it. */
export function decodeMetadata(value: unknown): DescentModelMetadata {
  const m = object(value, ROOT)
  const version = positiveInt(m.version, `${ROOT}.version`)
  if (version > METADATA_VERSION) {
    throw new ModelFormatError(
      `the Descent metadata has version ${version}; this Descent reads version ${METADATA_VERSION}: update Descent`
    )
  }
  const meta: DescentModelMetadata = {
    version,
    createdAt: string(m.createdAt, `${ROOT}.createdAt`),
    dataset: nullable(m.dataset, decodeDataset, `${ROOT}.dataset`),
    spec: decodeSpec(m.spec, `${ROOT}.spec`),
    compile: nullable(m.compile, decodeCompile, `${ROOT}.compile`),
    history: nullable(m.history, decodeHistory, `${ROOT}.history`),
    optimizerState: nullable(m.optimizerState, decodeOptimizerState, `${ROOT}.optimizerState`)
  }
  if (m.sourceRun !== undefined && m.sourceRun !== null)
    meta.sourceRun = decodeSourceRun(m.sourceRun, `${ROOT}.sourceRun`)
  return meta
}

function nullable<T>(
  value: unknown,
  decode: (v: unknown, where: string) => T,
  where: string
): T | null {
  return value === undefined || value === null ? null : decode(value, where)
}

function decodeDataset(value: unknown, where: string): DatasetDescription {
  const d = object(value, where)
  const task = string(d.task, `${where}.task`) as Task
  if (!TASKS.includes(task))
    throw new ModelFormatError(`${where}.task must be one of ${TASKS.join(', ')}, got "${task}"`)
  return {
    name: string(d.name, `${where}.name`),
    task,
    count: nonNegativeInt(d.count, `${where}.count`),
    featureShape: shape(d.featureShape, `${where}.featureShape`),
    numClasses: nonNegativeInt(d.numClasses, `${where}.numClasses`),
    targetDim: nonNegativeInt(d.targetDim, `${where}.targetDim`),
    classNames: d.classNames === null ? null : stringList(d.classNames, `${where}.classNames`)
  }
}

/** Only its outline is checked here: the layers are checked when the spec is used. */
function decodeSpec(value: unknown, where: string): SequentialSpec {
  const spec = object(value, where)
  if (spec.class_name !== 'Sequential')
    throw new ModelFormatError(`${where}.class_name must be "Sequential"`)
  array(object(spec.config, `${where}.config`).layers, `${where}.config.layers`)
  return spec as unknown as SequentialSpec
}

/** The optimizer's own keys are checked when the model is compiled with it. */
function decodeCompile(value: unknown, where: string): CompileConfig {
  const c = object(value, where)
  const optimizer = object(c.optimizer, `${where}.optimizer`)
  string(optimizer.name, `${where}.optimizer.name`)
  return {
    loss: string(c.loss, `${where}.loss`),
    metrics: stringList(c.metrics ?? [], `${where}.metrics`),
    optimizer: optimizer as OptimizerConfig
  }
}

const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity }

function decodeHistory(value: unknown, where: string): History {
  const h = object(value, where)
  const logs = object(h.history, `${where}.history`)
  const history: Record<string, number[]> = {}
  for (const [key, values] of Object.entries(logs)) {
    history[key] = array(values, `${where}.history.${key}`).map((v, i) => {
      if (typeof v === 'number') return v
      if (typeof v === 'string' && Object.hasOwn(NON_FINITE, v)) return NON_FINITE[v]
      throw new ModelFormatError(
        `${where}.history.${key}[${i}] must be a number, got ${JSON.stringify(v)}`
      )
    })
  }
  const decoded: History = { epoch: numberList(h.epoch, `${where}.epoch`), history }
  if (h.stopReason !== undefined) decoded.stopReason = string(h.stopReason, `${where}.stopReason`)
  if (h.stoppedEarly !== undefined)
    decoded.stoppedEarly = optionalBoolean(h.stoppedEarly, `${where}.stoppedEarly`, false)
  return decoded
}

function decodeOptimizerState(value: unknown, where: string): OptimizerState {
  const s = object(value, where)
  const slots: Record<string, Float32Array[]> = {}
  for (const [name, list] of Object.entries(object(s.slots, `${where}.slots`))) {
    slots[name] = array(list, `${where}.slots.${name}`).map((entry, i) =>
      decodeArray(entry, `${where}.slots.${name}[${i}]`)
    )
  }
  const lr = s.learningRate ?? null
  if (lr !== null && (typeof lr !== 'number' || !(lr >= 0))) {
    throw new ModelFormatError(
      `${where}.learningRate must be null or a number >= 0, got ${JSON.stringify(lr)}`
    )
  }
  return {
    iterations: nonNegativeInt(s.iterations, `${where}.iterations`),
    slots,
    learningRate: lr
  }
}

function decodeArray(value: unknown, where: string): Float32Array {
  const a = object(value, where)
  if (a.dtype !== undefined && a.dtype !== 'float32') {
    throw new ModelFormatError(`${where}.dtype must be "float32", got ${JSON.stringify(a.dtype)}`)
  }
  const dims = shape(a.shape, `${where}.shape`)
  const bytes = decodeBase64(string(a.data, `${where}.data`), `${where}.data`)
  const count = size(dims)
  if (bytes.length !== count * 4) {
    throw new ModelFormatError(
      `${where}.data holds ${bytes.length} bytes, but shape [${dims.join(', ')}] needs ${count * 4}`
    )
  }
  return bytesToFloat32(bytes, 0, count)
}

function decodeSourceRun(value: unknown, where: string): SourceRun {
  const r = object(value, where)
  const run: SourceRun = { id: string(r.id, `${where}.id`) }
  if (r.name !== undefined) run.name = string(r.name, `${where}.name`)
  return run
}

function size(dims: readonly number[]): number {
  return dims.reduce((p, d) => p * d, 1)
}
