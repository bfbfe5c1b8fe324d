import { gzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { DataError } from '../../../src/engine/data/errors'
import { crc32, gunzip, isGzip } from '../../../src/engine/data/gzip'
import { dataError } from './data-error'

const text = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('gzip', () => {
  it('computes the standard CRC-32 check value', () => {
    // The published check value of CRC-32/ISO-HDLC for "123456789".
    expect(crc32(text('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array(0))).toBe(0)
  })

  it('round-trips through fflate gzipSync', () => {
    const data = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) % 256)
    const gz = gzipSync(data)
    expect(isGzip(gz)).toBe(true)
    expect(isGzip(data)).toBe(false)
    expect(gunzip(gz, 'f.gz')).toEqual(data)
  })

  it('rejects a trailer whose size or checksum disagrees with the data', () => {
    const gz = gzipSync(text('hello, hello, hello'))
    const understated = gz.slice()
    understated[gz.length - 4] = 3
    expect(() => gunzip(understated, 'f.gz')).toThrow(
      /corrupt gzip: the inflated data does not match/
    )
    const wrongCrc = gz.slice()
    wrongCrc[gz.length - 8] ^= 1
    expect(() => gunzip(wrongCrc, 'f.gz')).toThrow(DataError)
  })

  it('refuses a size claim no deflate stream could reach, before allocating it', () => {
    const gz = gzipSync(text('tiny'))
    gz.set([0xff, 0xff, 0xff, 0xff], gz.length - 4)
    expect(() => gunzip(gz, 'f.gz')).toThrow(/trailer claims 4294967295 bytes/)
  })

  it('reports truncated and garbled streams as corrupt gzip naming the file', () => {
    const gz = gzipSync(Uint8Array.from({ length: 3000 }, (_, i) => (i * i) % 251))
    for (const bytes of [
      gz.subarray(0, 10),
      gz.subarray(0, gz.length - 20),
      gz.subarray(0, gz.length - 1)
    ]) {
      const error = dataError(() => gunzip(bytes, 'x.idx.gz'))
      expect(error.file).toBe('x.idx.gz')
      expect(error.message).toMatch(/^x\.idx\.gz: corrupt gzip/)
    }
  })
})
