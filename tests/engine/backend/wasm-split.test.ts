import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { splitGemm, type GemmBlock } from '../../../src/engine/wasm/split'

function blocks(parts: number): GemmBlock[] {
  return Array.from({ length: parts }, () => ({ i0: -1, i1: -1, j0: -1, j1: -1 }))
}

describe('splitGemm', () => {
  it('covers every entry of C exactly once, cutting the longer side on tile multiples', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(4, 6),
        (m, n, parts, tileRows) => {
          const split = blocks(parts)
          splitGemm(split, m, n, tileRows, 8)
          const owners = new Int32Array(m * n)
          for (const block of split) {
            for (let i = block.i0; i < block.i1; i++) {
              for (let j = block.j0; j < block.j1; j++) owners[i * n + j]++
            }
          }
          expect(owners.every((count) => count === 1)).toBe(true)
          const byRows = m > n
          for (const block of split.slice(0, -1)) {
            const cut = byRows ? block.i1 : block.j1
            expect(cut % (byRows ? tileRows : 8) === 0 || cut === (byRows ? m : n)).toBe(true)
            // The other side is whole.
            expect(byRows ? [block.j0, block.j1] : [block.i0, block.i1]).toEqual([
              0,
              byRows ? n : m
            ])
          }
        }
      ),
      { numRuns: 200 }
    )
  })

  it('shares the tiles evenly', () => {
    const split = blocks(2)
    splitGemm(split, 128, 512, 6, 8) // 64 column panels of 8
    expect(split).toEqual([
      { i0: 0, i1: 128, j0: 0, j1: 256 },
      { i0: 0, i1: 128, j0: 256, j1: 512 }
    ])
    splitGemm(split, 784, 512, 6, 8) // 131 row tiles of 6: 65 and 66
    expect(split).toEqual([
      { i0: 0, i1: 390, j0: 0, j1: 512 },
      { i0: 390, i1: 784, j0: 0, j1: 512 }
    ])
  })
})
