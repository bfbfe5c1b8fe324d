import fc from 'fast-check'
import { gzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { parseIdx, type IdxArray } from '../../../src/engine/data/idx'
import { dataError } from './data-error'
import { decodeValues, encodeIdx, IDX_CODES, type IdxTypeName } from './idx-codec'

/** A value any IDX type can hold exactly, given as the generator of that type. */
const VALUES: Record<IdxTypeName, fc.Arbitrary<number>> = {
  ubyte: fc.integer({ min: 0, max: 255 }),
  sbyte: fc.integer({ min: -128, max: 127 }),
  short: fc.integer({ min: -32768, max: 32767 }),
  int: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  float: fc.float({ noNaN: true }),
  double: fc.double({ noNaN: true })
}

/** A random valid IDX file: its type, dims (1–3 of them, up to 4 values total per axis) and values. */
const idxFile = fc
  .record({
    type: fc.constantFrom(...(Object.keys(IDX_CODES) as IdxTypeName[])),
    dims: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
  })
  .chain(({ type, dims }) =>
    fc
      .array(VALUES[type], { minLength: product(dims), maxLength: product(dims) })
      .map((values) => ({ type, dims, values, bytes: encodeIdx(type, dims, values) }))
  )

function product(dims: number[]): number {
  return dims.reduce((a, b) => a * b, 1)
}

/** Whatever parseIdx returns must describe exactly the (inflated) bytes: header, size and values. */
function expectDescribes(parsed: IdxArray, bytes: Uint8Array): void {
  const header = encodeIdx(parsed.type, parsed.dims, [])
  expect(bytes.subarray(0, header.length)).toEqual(header)
  expect(parsed.dataOffset).toBe(header.length)
  expect(Array.from(parsed.data)).toEqual(decodeValues(parsed.type, bytes.subarray(header.length)))
}

describe('parseIdx', () => {
  it('reads MNIST-style images and labels', () => {
    const pixels = Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 10)
    const images = parseIdx(encodeIdx('ubyte', [2, 3, 4], pixels), 'images')
    expect(images).toMatchObject({ dims: [2, 3, 4], type: 'ubyte', dataOffset: 16, gzipped: false })
    expect(Array.from(images.data)).toEqual(pixels)
    const labels = parseIdx(encodeIdx('ubyte', [3], [7, 0, 9]), 'labels')
    expect(labels).toMatchObject({ dims: [3], dataOffset: 8 })
    expect(Array.from(labels.data)).toEqual([7, 0, 9])
  })

  it('reads every IDX data type big-endian', () => {
    const cases: [IdxTypeName, number[], string][] = [
      ['sbyte', [-128, -1, 0, 127], 'Int8Array'],
      ['short', [-32768, -2, 258, 32767], 'Int16Array'],
      ['int', [-(2 ** 31), -3, 65536 + 2, 2 ** 31 - 1], 'Int32Array'],
      ['float', [-1.5, 0, 3.25, 1e30], 'Float32Array'],
      ['double', [-Math.PI, 0, 1e-300, 2 ** 60], 'Float64Array']
    ]
    for (const [type, values, arrayType] of cases) {
      const parsed = parseIdx(encodeIdx(type, [4], values), type)
      expect(parsed.type).toBe(type)
      expect(parsed.data.constructor.name).toBe(arrayType)
      expect(Array.from(parsed.data)).toEqual(
        values.map((v) => (type === 'float' ? Math.fround(v) : v))
      )
    }
    // 258 = 0x0102: the high byte comes first.
    expect(Array.from(encodeIdx('short', [1], [258]).subarray(8))).toEqual([1, 2])
  })

  it('inflates gzipped files (fflate gzipSync round trip)', () => {
    const raw = encodeIdx(
      'ubyte',
      [5, 2, 2],
      Array.from({ length: 20 }, (_, i) => 255 - i)
    )
    const parsed = parseIdx(gzipSync(raw), 'images.gz')
    expect(parsed.gzipped).toBe(true)
    expectDescribes(parsed, raw)
  })

  it('round-trips random valid files of every type', () => {
    fc.assert(
      fc.property(idxFile, ({ type, dims, values, bytes }) => {
        const parsed = parseIdx(bytes, 'f')
        expect(parsed.type).toBe(type)
        expect(parsed.dims).toEqual(dims)
        expect(Array.from(parsed.data)).toEqual(type === 'float' ? values.map(Math.fround) : values)
      }),
      { numRuns: 200 }
    )
  })
})

describe('parseIdx errors name the file, the byte and the problem', () => {
  it('an empty file', () => {
    const e = dataError(() => parseIdx(new Uint8Array(0), 'train-images-idx3-ubyte'))
    expect([e.file, e.position, e.problem]).toEqual([
      'train-images-idx3-ubyte',
      0,
      'the file is empty'
    ])
    expect(e.message).toBe('train-images-idx3-ubyte, byte 0: the file is empty')
  })

  it('a file shorter than its magic number or its header', () => {
    expect(dataError(() => parseIdx(Uint8Array.from([0, 0, 8]), 'f')).problem).toMatch(
      /3 bytes long, shorter than the 4-byte IDX magic/
    )
    const e = dataError(() => parseIdx(Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 1, 0, 0]), 'f'))
    expect(e.position).toBe(10)
    expect(e.problem).toBe(
      'the file is 10 bytes long, shorter than its 16-byte header (3 dimensions)'
    )
  })

  it('a wrong magic number, showing the bytes found and the ones expected', () => {
    const e = dataError(() =>
      parseIdx(new TextEncoder().encode('PK\x03\x04 zip archive'), 'data.zip')
    )
    expect(e.position).toBe(0)
    expect(e.problem).toMatch(
      /^wrong magic number: found 50 4b 03 04, expected 00 00 <type> <dimensions>/
    )
    expect(e.problem).toMatch(/00 00 08 03 for images, 00 00 08 01 for labels/)
  })

  it('an unsupported data type', () => {
    const e = dataError(() => parseIdx(Uint8Array.from([0, 0, 7, 1, 0, 0, 0, 0]), 'f'))
    expect(e.position).toBe(2)
    expect(e.problem).toMatch(/^unsupported data type 0x07: IDX types are 0x08 ubyte/)
  })

  it('zero dimensions', () => {
    expect(dataError(() => parseIdx(Uint8Array.from([0, 0, 8, 0]), 'f')).problem).toBe(
      'the header declares 0 dimensions'
    )
  })

  it('a truncated file: the header promises more bytes than follow', () => {
    const header = encodeIdx('ubyte', [60000, 28, 28], [])
    const bytes = new Uint8Array(header.length + 1000)
    bytes.set(header)
    const e = dataError(() => parseIdx(bytes, 'train-images-idx3-ubyte'))
    expect(e.position).toBe(1016)
    expect(e.problem).toBe(
      'the header promises 60000×28×28 = 47040000 bytes of data, the file has 1000: truncated by 47039000'
    )
  })

  it('a file too long for its header', () => {
    const bytes = new Uint8Array(8 + 10 + 3)
    bytes.set(encodeIdx('ubyte', [10], []))
    const e = dataError(() => parseIdx(bytes, 'labels'))
    expect(e.position).toBe(18)
    expect(e.problem).toBe(
      'the header promises 10 = 10 bytes of data, the file has 13: 3 bytes too long'
    )
  })

  it('counts multi-byte elements in the size', () => {
    const e = dataError(() => parseIdx(encodeIdx('float', [2, 3], [1, 2, 3, 4, 5]), 'f'))
    expect(e.problem).toBe(
      'the header promises 2×3 floats × 4 = 24 bytes of data, the file has 20: truncated by 4'
    )
  })

  it('a corrupt gzip file, and positions in a gzipped file count in the inflated data', () => {
    const gz = gzipSync(encodeIdx('ubyte', [100], new Array(100).fill(3)))
    gz[gz.length - 12] ^= 0xff
    expect(dataError(() => parseIdx(gz, 'labels.gz')).problem).toMatch(/^corrupt gzip/)
    const wrong = gzipSync(Uint8Array.from([1, 2, 3, 4]))
    const e = dataError(() => parseIdx(wrong, 'labels.gz'))
    expect(e.problem).toMatch(/^wrong magic number: found 01 02 03 04.*\(in the gunzipped data\)$/)
  })
})

describe('parseIdx under damage never throws anything but a DataError', () => {
  const parsesTo = (bytes: Uint8Array): IdxArray | null => {
    try {
      return parseIdx(bytes, 'fuzz')
    } catch (e) {
      expect(e).toBeInstanceOf(Error)
      expect((e as Error).name).toBe('DataError')
      return null
    }
  }

  it('any truncation is an error', () => {
    fc.assert(
      fc.property(idxFile, fc.nat(), ({ bytes }, cut) => {
        expect(parsesTo(bytes.subarray(0, cut % bytes.length))).toBeNull()
      }),
      { numRuns: 300 }
    )
  })

  it('appended bytes are an error', () => {
    fc.assert(
      fc.property(idxFile, fc.uint8Array({ minLength: 1, maxLength: 40 }), ({ bytes }, extra) => {
        const longer = new Uint8Array(bytes.length + extra.length)
        longer.set(bytes)
        longer.set(extra, bytes.length)
        expect(parsesTo(longer)).toBeNull()
      }),
      { numRuns: 300 }
    )
  })

  it('a corrupted header byte either fails or still parses exactly the bytes given', () => {
    fc.assert(
      fc.property(idxFile, fc.nat(), fc.integer({ min: 0, max: 255 }), ({ bytes }, at, value) => {
        const damaged = bytes.slice()
        const headerLength = 4 + 4 * bytes[3]
        damaged[at % headerLength] = value
        const parsed = parsesTo(damaged)
        if (parsed) expectDescribes(parsed, damaged)
      }),
      { numRuns: 500 }
    )
  })

  it('a corrupted byte of a gzipped file either fails or leaves the data unchanged', () => {
    fc.assert(
      fc.property(idxFile, fc.nat(), fc.integer({ min: 0, max: 255 }), ({ bytes }, at, value) => {
        const gz = gzipSync(bytes)
        gz[at % gz.length] = value
        const parsed = parsesTo(gz)
        if (parsed) expectDescribes(parsed, bytes)
      }),
      { numRuns: 300 }
    )
  })

  it('random bytes are rejected or parsed exactly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const parsed = parsesTo(bytes)
        if (parsed) expectDescribes(parsed, bytes)
      }),
      { numRuns: 300 }
    )
  })
})
