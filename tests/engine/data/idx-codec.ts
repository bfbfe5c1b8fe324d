/** IDX writing and reading for tests, written from the format description, not from src/engine/data. */
export const IDX_CODES = {
  ubyte: 0x08,
  sbyte: 0x09,
  short: 0x0b,
  int: 0x0c,
  float: 0x0d,
  double: 0x0e
} as const
export type IdxTypeName = keyof typeof IDX_CODES

const SIZES: Record<IdxTypeName, number> = {
  ubyte: 1,
  sbyte: 1,
  short: 2,
  int: 4,
  float: 4,
  double: 8
}

export function encodeIdx(
  type: IdxTypeName,
  dims: number[],
  values: ArrayLike<number>
): Uint8Array {
  const header = 4 + 4 * dims.length
  const out = new Uint8Array(header + values.length * SIZES[type])
  const view = new DataView(out.buffer)
  out[2] = IDX_CODES[type]
  out[3] = dims.length
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false))
  for (let i = 0; i < values.length; i++) {
    const at = header + i * SIZES[type]
    const v = values[i]
    if (type === 'ubyte') view.setUint8(at, v)
    else if (type === 'sbyte') view.setInt8(at, v)
    else if (type === 'short') view.setInt16(at, v, false)
    else if (type === 'int') view.setInt32(at, v, false)
    else if (type === 'float') view.setFloat32(at, v, false)
    else view.setFloat64(at, v, false)
  }
  return out
}

/** The values stored big-endian in `bytes`, read one by one through a DataView. */
export function decodeValues(type: IdxTypeName, bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length)
  const size = SIZES[type]
  return Array.from({ length: bytes.length / size }, (_, i) => {
    const at = i * size
    if (type === 'ubyte') return view.getUint8(at)
    if (type === 'sbyte') return view.getInt8(at)
    if (type === 'short') return view.getInt16(at, false)
    if (type === 'int') return view.getInt32(at, false)
    if (type === 'float') return view.getFloat32(at, false)
    return view.getFloat64(at, false)
  })
}

export function images(
  count: number,
  height: number,
  width: number,
  pixel: (i: number) => number
): Uint8Array {
  return encodeIdx(
    'ubyte',
    [count, height, width],
    Array.from({ length: count * height * width }, (_, i) => pixel(i))
  )
}

export function labels(values: number[]): Uint8Array {
  return encodeIdx('ubyte', [values.length], values)
}
