import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { referenceBackend } from '../../../src/engine/backend/reference'
import type { WasmBackend } from '../../../src/engine/backend/wasm'
import { enableRelaxedSimd } from '../../../src/engine/backend/wasm.node'
import { Rng } from '../../../src/engine/random'
import { validateWasm } from '../../../src/engine/wasm/api'
import { RELAXED_SIMD_PROBE, SIMD_PROBE } from '../../../src/engine/wasm/features'
import {
  firstBitDifference,
  makeBackend,
  MIB,
  prepareKernels,
  randomArray,
  setups,
  sparseArray
} from './wasm-setups'

/** float32 unit roundoff. */
const U = 2 ** -24

beforeAll(prepareKernels)

type Layout = [transA: boolean, transB: boolean]
const layouts: Layout[] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true]
]

/**
 * op(A)·op(B) (+ C) in float64, with a rigorous bound on the float32 result's error: each of the
 * k products and k sums rounds at most once (relative U), so |error| ≤ (2k + 1)·U·Σ|terms|.
 */
function naive(
  [transA, transB]: Layout,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c0: Float32Array,
  accumulate: boolean
): { value: Float64Array; bound: Float64Array } {
  const value = new Float64Array(m * n)
  const bound = new Float64Array(m * n)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = accumulate ? c0[i * n + j] : 0
      let magnitude = Math.abs(sum)
      for (let p = 0; p < k; p++) {
        const term = (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j])
        sum += term
        magnitude += Math.abs(term)
      }
      value[i * n + j] = sum
      bound[i * n + j] = (2 * k + 1) * U * magnitude
    }
  }
  return { value, bound }
}

/** Runs one product on `backend` with operands in its memory; returns C and what it should be. */
function check(
  backend: WasmBackend,
  rng: Rng,
  layout: Layout,
  m: number,
  n: number,
  k: number,
  accumulate: boolean
): void {
  const a = backend.alloc(m * k)
  const b = backend.alloc(k * n)
  const c = backend.alloc(m * n)
  a.set(randomArray(rng, m * k))
  b.set(randomArray(rng, k * n))
  c.set(randomArray(rng, m * n))
  const c0 = c.slice()
  backend.gemm(layout[0], layout[1], m, n, k, a, b, c, accumulate)
  const { value, bound } = naive(layout, m, n, k, a, b, c0, accumulate)
  let worst = 0
  for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(c[i] - value[i]) - bound[i])
  expect(worst, `${layout} ${m}×${n}×${k} accumulate=${accumulate}`).toBeLessThanOrEqual(0)
  for (const buffer of [a, b, c]) backend.free(buffer)
}

// m, n, k: single elements, odd sizes, exact tiles, and sizes that cross every blocking
// boundary of assembly/tile.ts (MC 120 rows, KC 256 deep, NC 1024 columns).
const awkwardShapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 9, 1],
  [9, 1, 3],
  [3, 5, 7],
  [13, 17, 19],
  [6, 8, 4],
  [12, 16, 256],
  [29, 33, 257],
  [5, 9, 2000],
  [125, 3, 40],
  [4, 1030, 3],
  [127, 131, 600]
]

describe.each(setups)('wasm gemm, $label', (setup) => {
  let backend: WasmBackend
  /** The same kernels computing every depth, zero or not. */
  let everyDepth: WasmBackend
  beforeAll(() => {
    backend = makeBackend(setup)
    everyDepth = makeBackend(setup, 8 * MIB, { skipZeroDepths: false })
  })

  it('names the build it runs', () => {
    expect(backend.name).toBe(setup.variant)
    expect(backend.threads).toBe(1)
  })

  it.each(awkwardShapes)('matches float64 on %i×%i×%i in every layout', (m, n, k) => {
    const rng = new Rng(m * 10007 + n * 101 + k)
    for (const layout of layouts) {
      for (const accumulate of [false, true]) check(backend, rng, layout, m, n, k, accumulate)
    }
  })

  it('matches float64 on random shapes (property)', () => {
    const rng = new Rng(7)
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(...layouts),
        fc.boolean(),
        (m, n, k, layout, accumulate) => check(backend, rng, layout, m, n, k, accumulate)
      ),
      { numRuns: 60 }
    )
  })

  it('agrees with the TypeScript reference backend', () => {
    const rng = new Rng(11)
    for (const [m, n, k] of [
      [37, 45, 70],
      [64, 10, 128],
      [128, 64, 300]
    ]) {
      for (const [transA, transB] of layouts) {
        const a = randomArray(rng, m * k)
        const b = randomArray(rng, k * n)
        const expected = new Float32Array(m * n)
        const actual = new Float32Array(m * n)
        referenceBackend.gemm(transA, transB, m, n, k, a, b, expected, false)
        backend.gemm(transA, transB, m, n, k, a, b, actual, false)
        const { bound } = naive([transA, transB], m, n, k, a, b, actual, false)
        for (let i = 0; i < m * n; i++) {
          expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(2 * bound[i])
        }
      }
    }
  })

  // Zero depths of A are skipped (assembly/zero-depths.ts): the result must be bitwise what
  // computing every depth gives.
  it.each([
    [13, 17, 19],
    [127, 131, 600],
    [128, 40, 784],
    [300, 9, 128]
  ])('skips zero depths of A with the bits computing them gives, %i×%i×%i', (m, n, k) => {
    const rng = new Rng(m + n + k)
    for (const layout of layouts) {
      for (const zeros of [0.5, 0.8, 1]) {
        const a = backend.alloc(m * k)
        const b = backend.alloc(k * n)
        const c = backend.alloc(m * n)
        a.set(sparseArray(rng, m * k, zeros))
        b.set(randomArray(rng, k * n))
        const c0 = randomArray(rng, m * n)
        for (const accumulate of [false, true]) {
          const whole = c0.slice()
          everyDepth.gemm(layout[0], layout[1], m, n, k, a, b, whole, accumulate)
          c.set(c0)
          backend.gemm(layout[0], layout[1], m, n, k, a, b, c, accumulate)
          const label = `${layout} zeros=${zeros} accumulate=${accumulate}`
          expect(firstBitDifference(c, whole), label).toBe(-1)
          const { value, bound } = naive(layout, m, n, k, a, b, c0, accumulate)
          for (let i = 0; i < m * n; i++) {
            expect(Math.abs(c[i] - value[i]), label).toBeLessThanOrEqual(bound[i])
          }
        }
        for (const buffer of [a, b, c]) backend.free(buffer)
      }
    }
  })

  // The evidence that zero depths are skipped, not computed: 0·∞ would be NaN.
  it('skips zero depths of A: an infinite B there leaves C finite, unless told not to', () => {
    const [m, n, k] = [12, 16, 40]
    const rng = new Rng(5)
    const a = randomArray(rng, m * k)
    const b = randomArray(rng, k * n)
    // Depths 0…9 (a quarter) are zero in every row of A, and B is infinite there.
    for (let i = 0; i < m; i++) a.fill(0, i * k, i * k + 10)
    b.fill(Infinity, 0, 10 * n)
    const c = new Float32Array(m * n)
    backend.gemm(false, false, m, n, k, a, b, c, false)
    expect(c.every(Number.isFinite)).toBe(true)
    everyDepth.gemm(false, false, m, n, k, a, b, c, false)
    expect(c.every(Number.isNaN)).toBe(true)
    // With −0 instead the depths are computed (0·∞ = NaN), as the reference backend does.
    for (let i = 0; i < m; i++) a.fill(-0, i * k, i * k + 10)
    backend.gemm(false, false, m, n, k, a, b, c, false)
    expect(c.every(Number.isNaN)).toBe(true)
  })

  it('leaves C alone for k = 0 when accumulating, zeroes it otherwise', () => {
    const c = backend.alloc(6)
    c.set([1, 2, 3, 4, 5, 6])
    const empty = backend.alloc(0)
    backend.gemm(false, false, 2, 3, 0, empty, empty, c, true)
    expect([...c]).toEqual([1, 2, 3, 4, 5, 6])
    backend.gemm(false, false, 2, 3, 0, empty, empty, c, false)
    expect([...c]).toEqual([0, 0, 0, 0, 0, 0])
  })

  it('gives bitwise the same result for plain arrays as for its own buffers', () => {
    const rng = new Rng(3)
    const [m, n, k] = [23, 41, 57]
    const a = randomArray(rng, m * k)
    const b = randomArray(rng, k * n)
    const c = randomArray(rng, m * n)
    const [ownA, ownB, ownC] = [backend.alloc(m * k), backend.alloc(k * n), backend.alloc(m * n)]
    ownA.set(a)
    ownB.set(b)
    ownC.set(c)
    backend.gemm(true, false, m, n, k, ownA, ownB, ownC, true)
    // Unbound, as the engine calls it.
    const gemm = backend.gemm
    gemm(true, false, m, n, k, a, b, c, true)
    expect(c).toEqual(ownC)
  })

  it('rejects operands shorter than the product needs', () => {
    const small = new Float32Array(5)
    const big = new Float32Array(100)
    expect(() => backend.gemm(false, false, 3, 3, 3, small, big, big, false)).toThrow(RangeError)
    expect(() => backend.gemm(false, false, 3, 3, 3, big, big, small, false)).toThrow(RangeError)
  })
})

describe('wasm backend memory', () => {
  const setup = setups[3]

  it('hands out zeroed, disjoint views of its memory and reuses freed ones', () => {
    const backend = makeBackend(setup)
    const x = backend.alloc(10)
    const y = backend.alloc(100)
    expect(x.buffer).toBe(y.buffer)
    expect(x.byteOffset % 64).toBe(0)
    expect(y.byteOffset).toBeGreaterThanOrEqual(x.byteOffset + 64)
    x.fill(7)
    backend.free(x)
    const again = backend.alloc(12) // same 64-byte block size as 10 floats
    expect(again.byteOffset).toBe(x.byteOffset)
    expect([...again]).toEqual(new Array(12).fill(0))
  })

  it('falls back to plain arrays when the memory is full, and still multiplies', () => {
    const backend = makeBackend(setup, 4 * MIB)
    const rng = new Rng(5)
    let big: Float32Array
    do big = backend.alloc(256 * 1024)
    while (big.buffer === backend.alloc(0).buffer)
    expect(big).toBeInstanceOf(Float32Array)
    expect(big.length).toBe(256 * 1024)
    // Operands outside the memory: the backend stages them in what is left.
    const a = randomArray(rng, 6 * 5)
    const b = randomArray(rng, 5 * 4)
    const c = new Float32Array(6 * 4)
    backend.gemm(false, false, 6, 4, 5, a, b, c, false)
    const { value, bound } = naive([false, false], 6, 4, 5, a, b, c, false)
    for (let i = 0; i < c.length; i++)
      expect(Math.abs(c[i] - value[i])).toBeLessThanOrEqual(bound[i])
  })
})

describe('feature probes', () => {
  it('are valid modules on a runtime that has the feature (Node 20 after enabling relaxed SIMD)', () => {
    expect(validateWasm(SIMD_PROBE)).toBe(true)
    expect(enableRelaxedSimd()).toBe(true)
    expect(validateWasm(RELAXED_SIMD_PROBE)).toBe(true)
  })

  it('tell a relaxed-SIMD module from a broken one', () => {
    const broken = RELAXED_SIMD_PROBE.slice()
    broken[broken.length - 3] = 0xff // an opcode that does not exist
    expect(validateWasm(broken)).toBe(false)
  })
})
