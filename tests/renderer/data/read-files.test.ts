import { expect, test } from 'vitest'
import { readAsBase64, SLICE_BYTES } from '../../../src/renderer/data/read-files'
import { base64Of } from '../support/base64'

test('blobs are read slice by slice into the same base64 as in one go', async () => {
  // Longer than two slices, and not a multiple of 3: the last slice has padding.
  const big = Uint8Array.from({ length: 2 * SLICE_BYTES + 1001 }, (_, i) => (i * 7919) % 251)
  const small = new TextEncoder().encode('x,label\n1,0\n')
  const progress: number[] = []
  const out = await readAsBase64({ images: new Blob([big]), labels: new Blob([small]) }, (done) =>
    progress.push(done)
  )
  expect(out.images).toBe(base64Of(big))
  expect(out.labels).toBe(base64Of(small))
  expect(progress.at(-1)).toBe(1)
  expect(progress).toEqual([...progress].sort((a, b) => a - b))
  expect(progress.length).toBeGreaterThanOrEqual(4)
})
