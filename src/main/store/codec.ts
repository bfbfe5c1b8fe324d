import type { OptimizerState } from '../../engine/optimizers'

/**
 * Binary encodings for what the database keeps as BLOBs: weight lists and optimizer state.
 * Layout of a float32 list: uint32 count, uint32 length × count, then the float32 data,
 * all little-endian — compact, exact, and readable without the model's spec.
 */
export function encodeFloat32List(arrays: readonly Float32Array[]): Buffer {
  const total = arrays.reduce((n, a) => n + a.length, 0)
  const header = 4 * (1 + arrays.length)
  const buf = Buffer.alloc(header + 4 * total)
  buf.writeUInt32LE(arrays.length, 0)
  arrays.forEach((a, i) => buf.writeUInt32LE(a.length, 4 * (1 + i)))
  let offset = header
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++, offset += 4) buf.writeFloatLE(a[i], offset)
  }
  return buf
}

export function decodeFloat32List(bytes: Uint8Array): Float32Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const fail = (why: string): never => {
    throw new Error(`corrupt float32 list (${bytes.byteLength} bytes): ${why}`)
  }
  if (bytes.byteLength < 4) fail('no header')
  const count = view.getUint32(0, true)
  const header = 4 * (1 + count)
  if (header > bytes.byteLength) fail(`header promises ${count} arrays`)
  const lengths = Array.from({ length: count }, (_, i) => view.getUint32(4 * (1 + i), true))
  const total = lengths.reduce((n, l) => n + l, 0)
  if (header + 4 * total !== bytes.byteLength) fail(`expected ${header + 4 * total} bytes`)
  let offset = header
  return lengths.map((length) => {
    const out = new Float32Array(length)
    for (let i = 0; i < length; i++, offset += 4) out[i] = view.getFloat32(offset, true)
    return out
  })
}

/** Optimizer state: a JSON header (iterations, learning-rate override, slot names and counts) then the slots. */
export function encodeOptimizerState(state: OptimizerState): Buffer {
  const names = Object.keys(state.slots).sort()
  const meta = JSON.stringify({
    iterations: state.iterations,
    learningRate: state.learningRate,
    slots: names.map((name) => [name, state.slots[name].length])
  })
  const metaBytes = Buffer.from(meta, 'utf8')
  const data = encodeFloat32List(names.flatMap((name) => state.slots[name]))
  const head = Buffer.alloc(4)
  head.writeUInt32LE(metaBytes.length, 0)
  return Buffer.concat([head, metaBytes, data])
}

export function decodeOptimizerState(bytes: Uint8Array): OptimizerState {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (buf.length < 4) throw new Error('corrupt optimizer state: no header')
  const metaLength = buf.readUInt32LE(0)
  if (4 + metaLength > buf.length)
    throw new Error('corrupt optimizer state: header runs past the end')
  const meta = JSON.parse(buf.subarray(4, 4 + metaLength).toString('utf8')) as {
    iterations: number
    learningRate: number | null
    slots: [string, number][]
  }
  const arrays = decodeFloat32List(buf.subarray(4 + metaLength))
  const slots: Record<string, Float32Array[]> = {}
  let next = 0
  for (const [name, count] of meta.slots) {
    slots[name] = arrays.slice(next, next + count)
    next += count
  }
  if (next !== arrays.length)
    throw new Error('corrupt optimizer state: slot counts do not match the data')
  return { iterations: meta.iterations, learningRate: meta.learningRate, slots }
}
