/**
 * Base64 (RFC 4648, with padding) for bytes, written out so that the engine needs neither
 * Node's Buffer nor the browser's atob. Optimizer state runs to megabytes: plain loops over
 * typed arrays, strings built in chunks.
 */
import { ModelFormatError } from './errors'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0))
const PAD = '='.charCodeAt(0)
/** Each character code's 6-bit value, or -1 for a character outside the alphabet. */
const VALUES = new Int8Array(256).fill(-1)
CODES.forEach((code, value) => (VALUES[code] = value))
/** Characters turned into a string per String.fromCharCode call (its arguments are limited). */
const CHUNK = 8192

export function encodeBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4)
  const whole = bytes.length - (bytes.length % 3)
  let o = 0
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out[o++] = CODES[n >> 18]
    out[o++] = CODES[(n >> 12) & 63]
    out[o++] = CODES[(n >> 6) & 63]
    out[o++] = CODES[n & 63]
  }
  const rest = bytes.length - whole
  if (rest > 0) {
    const n = (bytes[whole] << 16) | (rest === 2 ? bytes[whole + 1] << 8 : 0)
    out[o++] = CODES[n >> 18]
    out[o++] = CODES[(n >> 12) & 63]
    out[o++] = rest === 2 ? CODES[(n >> 6) & 63] : PAD
    out[o] = PAD
  }
  const parts: string[] = []
  for (let i = 0; i < out.length; i += CHUNK) {
    // apply takes the typed array as it is; spreading it would iterate element by element.
    parts.push(String.fromCharCode.apply(null, out.subarray(i, i + CHUNK) as unknown as number[]))
  }
  return parts.join('')
}

/** Decodes strict base64; `where` names the field in the error for anything malformed. */
export function decodeBase64(text: string, where: string): Uint8Array {
  if (text.length % 4 !== 0) {
    throw new ModelFormatError(
      `${where} is not base64: its length ${text.length} is not a multiple of 4`
    )
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const digits = text.length - padding
  const digit = (i: number): number => {
    if (i >= digits) return 0
    const code = text.charCodeAt(i)
    const v = code < 256 ? VALUES[code] : -1
    if (v < 0) {
      throw new ModelFormatError(
        `${where} is not base64: character ${i} is ${JSON.stringify(text[i])}`
      )
    }
    return v
  }
  const bytes = new Uint8Array((text.length / 4) * 3 - padding)
  for (let i = 0, o = 0; i < text.length; i += 4) {
    const n = (digit(i) << 18) | (digit(i + 1) << 12) | (digit(i + 2) << 6) | digit(i + 3)
    bytes[o++] = n >> 16
    if (o < bytes.length) bytes[o++] = (n >> 8) & 255
    if (o < bytes.length) bytes[o++] = n & 255
  }
  return bytes
}
