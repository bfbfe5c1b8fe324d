// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest'
import { downloadFor, revoke, saveNow } from '../../src/renderer/downloads'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('downloads', () => {
  test('text as it is and base64 as the bytes it stands for, each a Blob URL', async () => {
    const blobs: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob)
      return `blob:${blobs.length}`
    })
    const json = downloadFor('model.json', '{"a":1}', 'application/json')
    // "AAECAw==" is the bytes 0, 1, 2, 3.
    const weights = downloadFor('weights.bin', 'AAECAw==', 'application/octet-stream', 'base64')
    expect(json).toEqual({ name: 'model.json', url: 'blob:1', bytes: 7 })
    expect(weights).toEqual({ name: 'weights.bin', url: 'blob:2', bytes: 4 })
    expect(blobs.map((b) => b.type)).toEqual(['application/json', 'application/octet-stream'])
    expect(await blobs[0].text()).toBe('{"a":1}')
    expect([...new Uint8Array(await blobs[1].arrayBuffer())]).toEqual([0, 1, 2, 3])

    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    revoke([json, weights])
    expect(revoked.mock.calls.map(([url]) => url)).toEqual(['blob:1', 'blob:2'])
  })

  test('saving now clicks a link named for the file, then lets the URL go', () => {
    vi.useFakeTimers()
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:runs')
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const clicked: HTMLAnchorElement[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      clicked.push(this)
    })
    saveNow(downloadFor('runs.csv', 'run,loss\n1,0.5\n', 'text/csv'))
    expect(clicked.map((a) => [a.download, a.getAttribute('href')])).toEqual([
      ['runs.csv', 'blob:runs']
    ])
    expect(document.querySelector('a[download]')).toBeNull()
    expect(revoked).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1000)
    expect(revoked.mock.calls).toEqual([['blob:runs']])
  })
})
