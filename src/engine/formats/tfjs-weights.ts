/**
 * The weights manifest and the weight files: writing Descent's weights as one float32 file, and
 * reading TF.js's groups of shards, every length and dtype checked before a byte is decoded.
 */
import type { Weight } from '../layers/layer'
import { ModelFormatError } from './errors'
import { array, describe, object, shape, string, stringList } from './json-fields'
import { bytesToFloat32, float32ToBytes } from './float32-bytes'
import type { Notes } from './notes'
import type { TfjsWeightsGroup } from './tfjs-json'

/** The weight files: given in manifest order, or by the paths the manifest names. */
export type WeightShards = Uint8Array[] | Record<string, Uint8Array>

export interface LoadedWeight {
  shape: number[]
  values: Float32Array
}

/** All weights in one file, in the model's order. */
export function writeWeights(
  weights: readonly Weight[],
  fileName: string
): { manifest: TfjsWeightsGroup[]; bytes: Uint8Array } {
  const specs = weights.map((w) => ({
    name: w.name,
    shape: [...w.tensor.shape],
    dtype: 'float32' as const
  }))
  return {
    manifest: [{ paths: [fileName], weights: specs }],
    bytes: float32ToBytes(weights.map((w) => w.tensor.data))
  }
}

interface Entry {
  name: string
  shape: number[]
  dtype: string
  /** TF.js stores the optimizer's own weights beside the model's, in group 'optimizer'. */
  optimizer: boolean
}

interface Group {
  paths: string[]
  entries: Entry[]
}

/** Bytes a value takes, for the dtypes TF.js writes unquantized. */
const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 }

/** The model's weights by name, decoded from the shards the manifest describes. */
export function readWeights(
  manifest: unknown,
  shards: WeightShards,
  notes: Notes
): Map<string, LoadedWeight> {
  const groups = array(manifest ?? [], 'weightsManifest').map((g, i) =>
    readGroup(g, `weightsManifest[${i}]`)
  )
  const files = shardsByPath(
    groups.flatMap((g) => g.paths),
    shards
  )
  const weights = new Map<string, LoadedWeight>()
  let skipped = 0
  groups.forEach((group, g) => {
    const bytes = concatenate(group.paths.map((p) => files.get(p)!))
    const needed = group.entries.reduce((n, e) => n + byteLength(e), 0)
    if (bytes.length !== needed) {
      const one = group.paths.length === 1
      throw new ModelFormatError(
        `${one ? 'the weight file' : 'the weight files'} of group ${g + 1} (${group.paths.join(', ')}) ` +
          `${one ? 'holds' : 'hold'} ${bytes.length} bytes, but the manifest lists ${needed} bytes of weights` +
          (bytes.length < needed ? ': the file is truncated' : ': the file has extra bytes')
      )
    }
    let offset = 0
    for (const entry of group.entries) {
      if (entry.optimizer) skipped++
      else if (weights.has(entry.name)) {
        throw new ModelFormatError(`the weights manifest lists "${entry.name}" twice`)
      } else {
        const size = entry.shape.reduce((p, d) => p * d, 1)
        weights.set(entry.name, { shape: entry.shape, values: bytesToFloat32(bytes, offset, size) })
      }
      offset += byteLength(entry)
    }
  })
  if (skipped > 0) {
    notes.add(
      `the ${skipped} optimizer weights TF.js saved (group 'optimizer') are not loaded; Descent keeps optimizer state in its own metadata`
    )
  }
  return weights
}

function readGroup(value: unknown, where: string): Group {
  const group = object(value, where)
  const paths = stringList(group.paths, `${where}.paths`)
  const entries = array(group.weights, `${where}.weights`).map((w, i) =>
    readEntry(w, `${where}.weights[${i}]`)
  )
  if (entries.length > 0 && paths.length === 0)
    throw new ModelFormatError(`${where}.paths lists no weight file`)
  return { paths, entries }
}

function readEntry(value: unknown, where: string): Entry {
  const spec = object(value, where)
  const name = string(spec.name, `${where}.name`)
  const entry = {
    name,
    shape: shape(spec.shape, `${where}.shape (of "${name}")`),
    dtype: string(spec.dtype, `${where}.dtype (of "${name}")`),
    optimizer: spec.group === 'optimizer'
  }
  if (spec.quantization !== undefined && spec.quantization !== null) {
    const q = object(spec.quantization, `${where}.quantization`)
    throw new ModelFormatError(
      `weight "${name}" is quantized (${describe(q.dtype)}); Descent reads unquantized float32 weights: save the model without quantization`
    )
  }
  if (!entry.optimizer && entry.dtype !== 'float32') {
    throw new ModelFormatError(
      `weight "${name}" has dtype ${entry.dtype}; Descent reads float32 weights only`
    )
  }
  if (!Object.hasOwn(DTYPE_BYTES, entry.dtype)) {
    throw new ModelFormatError(
      `weight "${name}" has dtype ${describe(entry.dtype)}, which has no fixed size`
    )
  }
  return entry
}

function byteLength(entry: Entry): number {
  return entry.shape.reduce((p, d) => p * d, 1) * DTYPE_BYTES[entry.dtype]
}

/** Each path's bytes; an array must hold one file per path, in manifest order. */
function shardsByPath(paths: string[], shards: WeightShards): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>()
  if (Array.isArray(shards)) {
    if (shards.length !== paths.length) {
      throw new ModelFormatError(
        `the weights manifest lists ${paths.length} weight file${paths.length === 1 ? '' : 's'} (${paths.join(', ')}), but ${shards.length} were given`
      )
    }
    paths.forEach((p, i) => files.set(p, bytesOf(shards[i], `weight file ${i + 1} (${p})`)))
    return files
  }
  for (const p of paths) {
    const key = Object.hasOwn(shards, p)
      ? p
      : Object.hasOwn(shards, baseName(p))
        ? baseName(p)
        : null
    if (key === null)
      throw new ModelFormatError(`the weight file ${p} named in the weights manifest was not given`)
    files.set(p, bytesOf(shards[key], `weight file ${p}`))
  }
  return files
}

function bytesOf(value: unknown, what: string): Uint8Array {
  if (value instanceof Uint8Array) return value
  throw new ModelFormatError(`${what} must be bytes (a Uint8Array), got ${typeof value}`)
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

function concatenate(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    all.set(p, offset)
    offset += p.length
  }
  return all
}
