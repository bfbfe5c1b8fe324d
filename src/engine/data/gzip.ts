import { gunzipSync } from 'fflate'
import { DataError } from './errors'
import type { ByteStorage } from '../backend/types'

/** Deflate never expands more than about 1032:1, so a larger size claim is a corrupt trailer. */
const MAX_DEFLATE_RATIO = 1032
const HEADER_AND_TRAILER = 18

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
}

/**
 * Inflates a gzip file, checking what fflate leaves unchecked: the trailer's size (fflate
 * allocates whatever it claims, and silently cuts the output short when it claims too little)
 * and the CRC-32 of the inflated bytes. The output goes into a buffer from `storage` when given
 * (a kernel backend's memory), else into a fresh one.
 */
export function gunzip(bytes: Uint8Array, file: string, storage?: ByteStorage): Uint8Array {
  const corrupt = (why: string): DataError => new DataError(file, `corrupt gzip: ${why}`)
  if (bytes.length < HEADER_AND_TRAILER) {
    throw corrupt(`${bytes.length} bytes cannot hold a gzip header and trailer`)
  }
  const trailer = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 8, 8)
  const expectedCrc = trailer.getUint32(0, true)
  const expectedSize = trailer.getUint32(4, true)
  if (expectedSize > bytes.length * MAX_DEFLATE_RATIO) {
    throw corrupt(
      `the trailer claims ${expectedSize} bytes, impossible from ${bytes.length} compressed bytes`
    )
  }
  let inflated: Uint8Array
  try {
    inflated = storage ? gunzipSync(bytes, { out: storage(expectedSize) }) : gunzipSync(bytes)
  } catch (e) {
    throw corrupt(e instanceof Error ? e.message : String(e))
  }
  if (inflated.length !== expectedSize || crc32(inflated) !== expectedCrc) {
    throw corrupt('the inflated data does not match the size and checksum in the trailer')
  }
  return inflated
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (IEEE 802.3, reflected), as stored in gzip trailers. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
