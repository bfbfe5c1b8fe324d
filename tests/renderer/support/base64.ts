/** Bytes as base64 by the platform's btoa, the reference the page's own encoding is checked against. */
export function base64Of(bytes: ArrayLike<number> | string): string {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes
  let binary = ''
  for (let i = 0; i < data.length; i += 8192) {
    binary += String.fromCharCode(
      ...Array.from({ length: Math.min(8192, data.length - i) }, (_, k) => data[i + k])
    )
  }
  return btoa(binary)
}
