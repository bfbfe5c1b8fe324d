import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readWhole } from '../../../src/main/datasets/read-whole'

describe('readWhole', () => {
  const folder = mkdtempSync(join(tmpdir(), 'descent-read-whole-'))
  afterAll(() => rmSync(folder, { recursive: true }))
  const path = join(folder, 'bytes.bin')
  const content = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256)
  writeFileSync(path, content)

  it('reads a whole file into a fresh buffer', () => {
    expect(readWhole(path)).toEqual(content)
  })

  it("reads it into the storage's buffer when given one", () => {
    const buffer = new ArrayBuffer(100_000)
    const asked: number[] = []
    const bytes = readWhole(path, (length) => {
      asked.push(length)
      return new Uint8Array(buffer, 64, length)
    })
    expect(asked).toEqual([70_000])
    expect(bytes.buffer).toBe(buffer)
    expect(bytes).toEqual(content)
  })

  it('says when the file is missing', () => {
    expect(() => readWhole(join(folder, 'none'), (n) => new Uint8Array(n))).toThrow(/ENOENT/)
  })
})
