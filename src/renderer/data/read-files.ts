/** Files the user chose, read and base64-encoded in slices so the page can show progress. */
import { encodeBase64 } from '../../engine/formats/base64'

/** Bytes per slice: a multiple of 3, so the slices' base64 strings join into the file's. */
export const SLICE_BYTES = 3 * 2 ** 20

/**
 * Each blob's bytes as base64, reading one slice at a time and reporting the share done after
 * each (0 → 1 over all the blobs together).
 */
export async function readAsBase64<K extends string>(
  blobs: Partial<Record<K, Blob>>,
  onProgress: (done: number) => void = () => {}
): Promise<Partial<Record<K, string>>> {
  const entries = Object.entries(blobs) as [K, Blob][]
  const total = entries.reduce((n, [, blob]) => n + blob.size, 0)
  const out: Partial<Record<K, string>> = {}
  let read = 0
  for (const [key, blob] of entries) {
    const parts: string[] = []
    for (let start = 0; start < blob.size; start += SLICE_BYTES) {
      const bytes = new Uint8Array(await blob.slice(start, start + SLICE_BYTES).arrayBuffer())
      parts.push(encodeBase64(bytes))
      read += bytes.length
      onProgress(total > 0 ? read / total : 1)
    }
    out[key] = parts.join('')
  }
  onProgress(1)
  return out
}
