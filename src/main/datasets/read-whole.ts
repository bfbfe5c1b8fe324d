import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs'
import type { ByteStorage } from '../../engine/backend/types'

/** A file's bytes: read into a buffer from `storage` when given, else into a fresh one. */
export function readWhole(path: string, storage?: ByteStorage): Uint8Array {
  if (!storage) {
    const bytes = readFileSync(path)
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
  }
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    const bytes = storage(size)
    for (let at = 0; at < size;) {
      const read = readSync(fd, bytes, at, size - at, at)
      if (read === 0) throw new Error(`${path} ended after ${at} of ${size} bytes`)
      at += read
    }
    return bytes
  } finally {
    closeSync(fd)
  }
}
