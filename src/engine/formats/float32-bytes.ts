/** Float32 values as little-endian bytes (the byte order of TF.js weight files), both ways. */

/** The arrays one after another, 4 little-endian bytes a value. */
export function float32ToBytes(arrays: readonly Float32Array[]): Uint8Array {
  const total = arrays.reduce((n, a) => n + a.length, 0)
  const bytes = new Uint8Array(total * 4)
  const view = new DataView(bytes.buffer)
  let offset = 0
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++, offset += 4) view.setFloat32(offset, a[i], true)
  }
  return bytes
}

/** `count` values read from `bytes` at byte `offset`; the caller has checked the length. */
export function bytesToFloat32(bytes: Uint8Array, offset: number, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const values = new Float32Array(count)
  for (let i = 0; i < count; i++) values[i] = view.getFloat32(offset + 4 * i, true)
  return values
}
