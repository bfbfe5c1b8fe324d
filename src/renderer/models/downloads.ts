/** Files offered for download (a save dialog in the desktop window), made from API strings. */
import { decodeBase64 } from '../../engine/formats/base64'

export interface Download {
  name: string
  url: string
  bytes: number
}

/** A download for text as it is, or for bytes sent as base64. */
export function downloadFor(name: string, content: string, encoding: 'text' | 'base64'): Download {
  const blob =
    encoding === 'text'
      ? new Blob([content], { type: 'application/json' })
      : new Blob([decodeBase64(content, name) as Uint8Array<ArrayBuffer>], {
          type: 'application/octet-stream'
        })
  return { name, url: URL.createObjectURL(blob), bytes: blob.size }
}

export function revoke(downloads: readonly Download[]): void {
  for (const d of downloads) URL.revokeObjectURL(d.url)
}
