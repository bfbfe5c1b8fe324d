import { DataError } from './errors'
import { gunzip, isGzip } from './gzip'

export type IdxType = 'ubyte' | 'sbyte' | 'short' | 'int' | 'float' | 'double'
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array

export interface IdxArray {
  dims: number[]
  type: IdxType
  /** dims' product values; for ubyte a view into the (inflated) file bytes. */
  data: IdxData
  /** Byte offset of the first value, i.e. the header's length. */
  dataOffset: number
  gzipped: boolean
}

/** The IDX type codes (third magic byte), their element sizes and big-endian readers. */
const TYPES: Record<number, { type: IdxType; size: number }> = {
  0x08: { type: 'ubyte', size: 1 },
  0x09: { type: 'sbyte', size: 1 },
  0x0b: { type: 'short', size: 2 },
  0x0c: { type: 'int', size: 4 },
  0x0d: { type: 'float', size: 4 },
  0x0e: { type: 'double', size: 8 }
}

/**
 * Parses an IDX file (LeCun's MNIST format): magic 00 00 <type> <dimension count>, one big-endian
 * uint32 per dimension, then the values big-endian. Gzipped input (magic 1f 8b) is inflated
 * first; byte positions in errors then count in the inflated data.
 */
export function parseIdx(bytes: Uint8Array, fileName: string): IdxArray {
  if (bytes.length === 0) throw new DataError(fileName, 'the file is empty', { position: 0 })
  const gzipped = isGzip(bytes)
  const raw = gzipped ? gunzip(bytes, fileName) : bytes
  const fail = (position: number, problem: string): DataError =>
    idxError(fileName, gzipped, position, problem)

  if (raw.length < 4) {
    throw fail(
      raw.length,
      `the file is ${raw.length} bytes long, shorter than the 4-byte IDX magic number`
    )
  }
  if (raw[0] !== 0 || raw[1] !== 0) {
    throw fail(
      0,
      `wrong magic number: found ${hex(raw.subarray(0, 4))}, expected 00 00 <type> <dimensions> ` +
        '(00 00 08 03 for images, 00 00 08 01 for labels)'
    )
  }
  const code = raw[2]
  const kind = TYPES[code]
  if (!kind) {
    throw fail(
      2,
      `unsupported data type 0x${hex(raw.subarray(2, 3))}: IDX types are ` +
        '0x08 ubyte, 0x09 sbyte, 0x0b short, 0x0c int, 0x0d float, 0x0e double'
    )
  }
  const rank = raw[3]
  if (rank === 0) throw fail(3, 'the header declares 0 dimensions')
  const dataOffset = 4 + 4 * rank
  if (raw.length < dataOffset) {
    throw fail(
      raw.length,
      `the file is ${raw.length} bytes long, shorter than its ${dataOffset}-byte header (${rank} dimensions)`
    )
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.length)
  const dims: number[] = []
  for (let d = 0; d < rank; d++) dims.push(view.getUint32(4 + 4 * d))

  const values = dims.reduce((a, b) => a * b, 1)
  const expected = values * kind.size
  const actual = raw.length - dataOffset
  if (expected !== actual) {
    const promise = `the header promises ${dims.join('×')}${kind.size > 1 ? ` ${kind.type}s × ${kind.size}` : ''} = ${expected} bytes of data`
    const verdict =
      expected > actual
        ? `truncated by ${expected - actual}`
        : `${actual - expected} bytes too long`
    throw fail(
      dataOffset + Math.min(expected, actual),
      `${promise}, the file has ${actual}: ${verdict}`
    )
  }
  return {
    dims,
    type: kind.type,
    data: readValues(view, dataOffset, values, code),
    dataOffset,
    gzipped
  }
}

/** An error at a byte position; in a gzipped file positions count in the inflated data. */
export function idxError(
  file: string,
  gzipped: boolean,
  position: number,
  problem: string
): DataError {
  return new DataError(file, gzipped ? `${problem} (in the gunzipped data)` : problem, { position })
}

function readValues(view: DataView, offset: number, n: number, code: number): IdxData {
  const bytes = new Uint8Array(view.buffer, view.byteOffset + offset, n * TYPES[code].size)
  switch (code) {
    case 0x08:
      return bytes
    case 0x09:
      return new Int8Array(bytes.buffer, bytes.byteOffset, n)
    case 0x0b:
      return fill(new Int16Array(n), (i) => view.getInt16(offset + 2 * i))
    case 0x0c:
      return fill(new Int32Array(n), (i) => view.getInt32(offset + 4 * i))
    case 0x0d:
      return fill(new Float32Array(n), (i) => view.getFloat32(offset + 4 * i))
    default:
      return fill(new Float64Array(n), (i) => view.getFloat64(offset + 8 * i))
  }
}

function fill<T extends Int16Array | Int32Array | Float32Array | Float64Array>(
  out: T,
  at: (i: number) => number
): T {
  for (let i = 0; i < out.length; i++) out[i] = at(i)
  return out
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')
}
