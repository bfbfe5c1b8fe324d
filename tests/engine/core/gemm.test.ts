import { describe, expect, it } from 'vitest'
import { getBackend, referenceBackend, setBackend } from '../../../src/engine/backend/index'
import type { KernelBackend } from '../../../src/engine/backend/types'
import { matmul } from '../../../src/engine/ops/index'
import { Rng } from '../../../src/engine/random'
import { Tensor } from '../../../src/engine/tensor'

/** op(A)·op(B) by the definition, in float64. */
function naiveGemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array
): Float64Array {
  const c = new Float64Array(m * n)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let p = 0; p < k; p++) {
        s += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j])
      }
      c[i * n + j] = s
    }
  }
  return c
}

function randomArray(n: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => rng.uniform(-1, 1))
}

// Awkward shapes: degenerate, odd, not multiples of the 4×4 tile, k beyond one packed block.
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 3],
  [5, 1, 9],
  [3, 5, 7],
  [13, 11, 17],
  [4, 4, 4],
  [8, 12, 600],
  [2, 3, 1031],
  [70, 9, 5]
]
const layouts: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true]
]

describe('reference gemm', () => {
  for (const [m, n, k] of shapes) {
    for (const [transA, transB] of layouts) {
      it(`m=${m} n=${n} k=${k} transA=${transA} transB=${transB}`, () => {
        const rng = new Rng(m * 1000 + n * 10 + k)
        const a = randomArray(m * k, rng)
        const b = randomArray(k * n, rng)
        const expected = naiveGemm(transA, transB, m, n, k, a, b)
        const c = randomArray(m * n, rng)
        const before = Float64Array.from(c)
        referenceBackend.gemm(transA, transB, m, n, k, a, b, c, true)
        const tol = 1e-6 * Math.sqrt(k) + 1e-6
        c.forEach((v, i) => expect(Math.abs(v - (before[i] + expected[i]))).toBeLessThan(tol))
        referenceBackend.gemm(transA, transB, m, n, k, a, b, c, false)
        c.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(tol))
      })
    }
  }

  it('writes only the m×n block of C', () => {
    const c = new Float32Array(7).fill(9)
    referenceBackend.gemm(
      false,
      false,
      2,
      3,
      2,
      new Float32Array(4).fill(1),
      new Float32Array(6).fill(1),
      c,
      false
    )
    expect(Array.from(c)).toEqual([2, 2, 2, 2, 2, 2, 9])
  })

  it('k = 0 gives zeros, or leaves C alone when accumulating', () => {
    const c = new Float32Array([1, 2])
    referenceBackend.gemm(false, false, 1, 2, 0, new Float32Array(0), new Float32Array(0), c, true)
    expect(Array.from(c)).toEqual([1, 2])
    referenceBackend.gemm(false, false, 1, 2, 0, new Float32Array(0), new Float32Array(0), c, false)
    expect(Array.from(c)).toEqual([0, 0])
  })

  it('is deterministic: the same inputs give bitwise the same output', () => {
    const rng = new Rng(5)
    const a = randomArray(37 * 300, rng)
    const b = randomArray(300 * 29, rng)
    const c1 = new Float32Array(37 * 29)
    const c2 = new Float32Array(37 * 29)
    referenceBackend.gemm(false, true, 37, 29, 300, a, b, c1, false)
    referenceBackend.gemm(false, false, 3, 3, 3, a, b, new Float32Array(9), false)
    referenceBackend.gemm(false, true, 37, 29, 300, a, b, c2, false)
    expect(c2).toEqual(c1)
  })
})

describe('backend registry', () => {
  it('defaults to the reference backend, and ops run on whichever is set', () => {
    expect(getBackend()).toBe(referenceBackend)
    expect(referenceBackend.name).toBe('js')
    expect(referenceBackend.threads).toBe(1)
    let calls = 0
    const counting: KernelBackend = {
      ...referenceBackend,
      name: 'counting',
      gemm: (...args) => {
        calls++
        referenceBackend.gemm(...args)
      }
    }
    setBackend(counting)
    try {
      const a = Tensor.fromArray([1, 2, 3, 4], [2, 2], true)
      const y = matmul(a, a)
      expect(Array.from(y.data)).toEqual([7, 10, 15, 22])
      expect(calls).toBe(1)
    } finally {
      setBackend(referenceBackend)
    }
  })
})
