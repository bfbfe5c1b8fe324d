/**
 * Files offered for download, made from API strings: a Blob URL the page links to or clicks. The
 * browser downloads it; the Electron window shows its native save dialog for the same click, so
 * both doors share this one path.
 */
import { decodeBase64 } from '../engine/formats/base64'

export interface Download {
  name: string
  url: string
  bytes: number
}

/** A download of text as it is, or of bytes sent as base64, with this MIME type. */
export function downloadFor(
  name: string,
  content: string,
  type: string,
  encoding: 'text' | 'base64' = 'text'
): Download {
  const data =
    encoding === 'text' ? content : (decodeBase64(content, name) as Uint8Array<ArrayBuffer>)
  const blob = new Blob([data], { type })
  return { name, url: URL.createObjectURL(blob), bytes: blob.size }
}

export function revoke(downloads: readonly Download[]): void {
  for (const d of downloads) URL.revokeObjectURL(d.url)
}

/** Saves it now, as a click on a hidden link would, and lets its URL go afterwards. */
export function saveNow(download: Download): void {
  const link = document.createElement('a')
  link.href = download.url
  link.download = download.name
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has taken its copy once the click is handled.
  setTimeout(() => revoke([download]), 1000)
}
