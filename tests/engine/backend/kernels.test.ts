/**
 * Every kernel besides gemm, on every build of the WebAssembly kernels, against the TypeScript
 * reference backend (the oracle), on random values and awkward sizes: single values, sizes that
 * are not multiples of the four SIMD lanes, and large ones. Each case runs three times: on the
 * reference with plain arrays, on the WebAssembly backend with buffers from its alloc() (in
 * place), and with plain arrays (staged in and out), which must agree bit for bit.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { referenceBackend } from '../../../src/engine/backend/reference'
import type { KernelBackend, PointwiseActivation } from '../../../src/engine/backend/types'
import type { WasmBackend } from '../../../src/engine/backend/wasm'
import { Rng } from '../../../src/engine/random'
import { makeBackend, MIB, prepareKernels, randomArray, setups } from './wasm-setups'

/** float32 unit roundoff. */
const U = 2 ** -24

beforeAll(prepareKernels)

/** The operands of one call; null stands for an operand the call leaves out. */
type Operands = (Float32Array | null)[]

interface Case {
  label: string
  /** Fresh operands for one call. */
  operands(rng: Rng): Operands
  /** The call; its return value (a loss, a sum) is compared too. */
  run(backend: KernelBackend, x: Operands): number | void
  /** Which operands the call changes. */
  outputs: number[]
  /**
   * Allowed gap to the reference, relative to max(1, |reference|): 0 where both do the same
   * float32 arithmetic, a few units of roundoff where the reference works in float64.
   */
  tolerance: number
}

function inBackend(backend: WasmBackend, x: Operands): Operands {
  return x.map((a) => {
    if (a === null) return null
    const own = backend.alloc(a.length)
    own.set(a)
    return own
  })
}

const copy = (x: Operands): Operands => x.map((a) => a && a.slice())

/** Index of the first element whose bits differ (+0 and −0 apart, NaNs alike), or -1. */
function firstBitDifference(x: Float32Array, y: Float32Array): number {
  for (let i = 0; i < x.length; i++) {
    if (!Object.is(x[i], y[i]) && !(Number.isNaN(x[i]) && Number.isNaN(y[i]))) return i
  }
  return -1
}

/** Index of the first element further than tolerance·max(1, |expected|) from it, or -1. */
function firstGap(actual: Float32Array, expected: Float32Array, tolerance: number): number {
  for (let i = 0; i < actual.length; i++) {
    const e = expected[i]
    if (Number.isNaN(e) && Number.isNaN(actual[i])) continue
    if (!(Math.abs(actual[i] - e) <= tolerance * Math.max(1, Math.abs(e)))) return i
  }
  return -1
}

function check(backend: WasmBackend, c: Case, seed: number): void {
  const x = c.operands(new Rng(seed))
  const expected = copy(x)
  const inPlace = inBackend(backend, x)
  const staged = copy(x)
  const results = [
    c.run(referenceBackend, expected),
    c.run(backend, inPlace),
    c.run(backend, staged)
  ]
  if (typeof results[0] === 'number') {
    expect(results[2]).toBe(results[1])
    const gap = Math.abs((results[1] as number) - results[0])
    expect(gap, `${c.label}: value`).toBeLessThanOrEqual(
      c.tolerance * Math.max(1, Math.abs(results[0]))
    )
  }
  for (const o of c.outputs) {
    const [want, own, plain] = [expected[o]!, inPlace[o]!, staged[o]!]
    expect(firstBitDifference(own, plain), `${c.label}: operand ${o} in place vs staged`).toBe(-1)
    const at = firstGap(own, want, c.tolerance)
    expect(at, `${c.label}: operand ${o}[${at}] = ${own[at]}, reference ${want[at]}`).toBe(-1)
  }
  for (let o = 0; o < x.length; o++) {
    if (c.outputs.includes(o) || x[o] === null) continue
    expect(firstBitDifference(staged[o]!, x[o]!), `${c.label}: input ${o} unchanged`).toBe(-1)
  }
  for (const a of inPlace) if (a !== null) backend.free(a)
}

// rows × width of the bias and softmax blocks.
const blocks: [number, number][] = [
  [1, 1],
  [1, 3],
  [3, 5],
  [2, 4],
  [4, 8],
  [7, 9],
  [5, 17],
  [128, 10],
  [33, 65],
  [64, 512]
]

const activations: PointwiseActivation[] = [
  'linear',
  'relu',
  'leaky_relu',
  'elu',
  'sigmoid',
  'tanh',
  'softplus',
  'gelu'
]

function biasCases(): Case[] {
  const cases: Case[] = []
  for (const [rows, width] of blocks) {
    const n = rows * width
    for (const f of activations) {
      const alpha = f === 'elu' ? 1.3 : 0.2
      for (const withBias of [true, false]) {
        const label = `${f} ${rows}×${width}${withBias ? ' + bias' : ''}`
        const zb = (rng: Rng) => [
          randomArray(rng, n, -3, 3),
          withBias ? randomArray(rng, width) : null
        ]
        cases.push({
          label: `${label} forward`,
          operands: (rng) => [...zb(rng), new Float32Array(n)],
          run: (b, [z, bias, y]) => b.biasActivation(f, alpha, rows, width, z!, bias, y!),
          outputs: [2],
          tolerance: 0
        })
        for (const [gz, gBias] of [
          [true, true],
          [true, false],
          [false, true]
        ]) {
          cases.push({
            label: `${label} backward${gz ? ' gz' : ''}${gBias ? ' gBias' : ''}`,
            operands: (rng) => {
              const [z, bias] = zb(rng)
              const y = new Float32Array(n)
              referenceBackend.biasActivation(f, alpha, rows, width, z!, bias, y)
              const gy = randomArray(rng, n)
              return [
                z,
                bias,
                y,
                gy,
                gz ? randomArray(rng, n) : null,
                gBias ? randomArray(rng, width) : null
              ]
            },
            run: (b, [z, bias, y, gy, dz, dBias]) =>
              b.biasActivationBackward(f, alpha, rows, width, z!, bias, y!, gy!, dz, dBias),
            outputs: [4, 5].filter((o) => (o === 4 ? gz : gBias)),
            tolerance: 0
          })
        }
      }
    }
  }
  return cases
}

/** One-hot rows, or (soft) rows of random non-negative class weights. */
function targets(rng: Rng, rows: number, classes: number, soft: boolean): Float32Array {
  const t = soft ? randomArray(rng, rows * classes, 0, 1) : new Float32Array(rows * classes)
  if (!soft) for (let r = 0; r < rows; r++) t[r * classes + rng.int(classes)] = 1
  return t
}

function labels(rng: Rng, rows: number, classes: number): Float32Array {
  return Float32Array.from({ length: rows }, () => rng.int(classes))
}

// exp and log are not the same implementation in V8 and in the wasm module (both within an ulp
// in float64), so a float32 result may round the other way.
const SOFTMAX_TOLERANCE = 2 * U

function softmaxCases(): Case[] {
  const cases: Case[] = []
  for (const [rows, width] of blocks) {
    const n = rows * width
    const logits = (rng: Rng) => randomArray(rng, n, -6, 6)
    const probs = (x: Float32Array) => {
      const p = new Float32Array(n)
      referenceBackend.softmax(rows, width, x, p)
      return p
    }
    cases.push(
      {
        label: `softmax ${rows}×${width}`,
        operands: (rng) => [logits(rng), new Float32Array(n)],
        run: (b, [x, y]) => b.softmax(rows, width, x!, y!),
        outputs: [1],
        tolerance: SOFTMAX_TOLERANCE
      },
      {
        label: `softmax backward ${rows}×${width}`,
        operands: (rng) => [probs(logits(rng)), randomArray(rng, n), randomArray(rng, n)],
        run: (b, [y, gy, gx]) => b.softmaxBackward(rows, width, y!, gy!, gx!),
        outputs: [2],
        tolerance: SOFTMAX_TOLERANCE
      }
    )
    for (const soft of [false, true]) {
      const kind = soft ? 'soft targets' : 'one-hot'
      cases.push(
        {
          label: `softmax cross-entropy ${rows}×${width}, ${kind}`,
          operands: (rng) => [logits(rng), targets(rng, rows, width, soft), new Float32Array(n)],
          run: (b, [x, t, p]) => b.softmaxCrossEntropy(rows, width, x!, t!, p!),
          outputs: [2],
          tolerance: SOFTMAX_TOLERANCE
        },
        {
          label: `softmax cross-entropy backward ${rows}×${width}, ${kind}`,
          operands: (rng) => [
            probs(logits(rng)),
            targets(rng, rows, width, soft),
            randomArray(rng, n)
          ],
          run: (b, [p, t, g]) =>
            b.softmaxCrossEntropyBackward(rows, width, p!, t!, 0.37 / rows, g!),
          outputs: [2],
          tolerance: SOFTMAX_TOLERANCE
        }
      )
    }
    cases.push(
      {
        label: `sparse softmax cross-entropy ${rows}×${width}`,
        operands: (rng) => [logits(rng), labels(rng, rows, width), new Float32Array(n)],
        run: (b, [x, l, p]) => b.sparseSoftmaxCrossEntropy(rows, width, x!, l!, p!),
        outputs: [2],
        tolerance: SOFTMAX_TOLERANCE
      },
      {
        label: `sparse softmax cross-entropy backward ${rows}×${width}`,
        operands: (rng) => [probs(logits(rng)), labels(rng, rows, width), randomArray(rng, n)],
        run: (b, [p, l, g]) =>
          b.sparseSoftmaxCrossEntropyBackward(rows, width, p!, l!, 0.37 / rows, g!),
        outputs: [2],
        tolerance: SOFTMAX_TOLERANCE
      }
    )
  }
  return cases
}

// Lengths of the optimizer variables: single values, every remainder modulo 4, large.
const lengths = [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 100, 1027]

/**
 * The update rules in float32 (wasm) against float64 with float32 storage (the reference): a few
 * roundings of the step, which can be several times |w| (Adadelta's lr·√(E_Δ+ε)/√(E_g+ε)·g).
 */
const UPDATE_TOLERANCE = 16 * U

function updateCases(): Case[] {
  const cases: Case[] = []
  for (const n of lengths) {
    const w = (rng: Rng) => randomArray(rng, n)
    const g = (rng: Rng) => randomArray(rng, n)
    const positive = (rng: Rng, lo = 0.01) => randomArray(rng, n, lo, 1)
    const rule = (label: string, c: Omit<Case, 'label' | 'tolerance'>): Case => ({
      ...c,
      label: `${label}, ${n} values`,
      tolerance: UPDATE_TOLERANCE
    })
    cases.push(
      rule('zero', { operands: (rng) => [w(rng)], run: (b, [x]) => b.zero(x!), outputs: [0] }),
      rule('sumOfSquares', {
        operands: (rng) => [w(rng)],
        run: (b, [x]) => b.sumOfSquares(x!),
        outputs: []
      }),
      rule('scale', {
        operands: (rng) => [w(rng)],
        run: (b, [x]) => b.scale(x!, 0.3),
        outputs: [0]
      }),
      rule('clamp', {
        operands: (rng) => [w(rng)],
        run: (b, [x]) => b.clamp(x!, -0.5, 0.5),
        outputs: [0]
      }),
      rule('weightDecay', {
        operands: (rng) => [w(rng)],
        run: (b, [x]) => b.weightDecay(x!, 0.01 * 0.004),
        outputs: [0]
      }),
      rule('sgd', {
        operands: (rng) => [w(rng), g(rng)],
        run: (b, [x, d]) => b.sgd(x!, d!, 0.05),
        outputs: [0]
      })
    )
    for (const nesterov of [false, true]) {
      cases.push(
        rule(`sgd momentum${nesterov ? ', Nesterov' : ''}`, {
          operands: (rng) => [w(rng), g(rng), g(rng)],
          run: (b, [x, d, v]) => b.sgdMomentum(x!, d!, v!, 0.05, 0.9, nesterov),
          outputs: [0, 2]
        })
      )
    }
    for (const [momentum, centered] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true]
    ]) {
      // s ≥ 0.1 > ḡ²: the centered variance s − ḡ² stays away from zero, as it does in training.
      cases.push(
        rule(`rmsprop${momentum ? ', momentum' : ''}${centered ? ', centered' : ''}`, {
          operands: (rng) => [
            w(rng),
            g(rng),
            positive(rng, 0.1),
            momentum ? g(rng) : null,
            centered ? randomArray(rng, n, -0.2, 0.2) : null
          ],
          run: (b, [x, d, s, m, gBar]) =>
            b.rmsprop(x!, d!, s!, m, gBar, 0.01, 0.9, 1 - 0.9, momentum ? 0.5 : 0, 1e-7),
          outputs: [0, 2, ...(momentum ? [3] : []), ...(centered ? [4] : [])]
        })
      )
    }
    cases.push(
      rule('adagrad', {
        operands: (rng) => [w(rng), g(rng), positive(rng)],
        run: (b, [x, d, a]) => b.adagrad(x!, d!, a!, 0.05, 1e-7),
        outputs: [0, 2]
      })
    )
    for (const amsgrad of [false, true]) {
      cases.push(
        rule(`adam${amsgrad ? ', AMSGrad' : ''}`, {
          operands: (rng) => [
            w(rng),
            g(rng),
            g(rng),
            positive(rng),
            amsgrad ? positive(rng) : null
          ],
          run: (b, [x, d, m, v, vMax]) =>
            b.adam(x!, d!, m!, v!, vMax, 0.01, 1 - 0.9, 1 - 0.999, 1e-7),
          outputs: [0, 2, 3, ...(amsgrad ? [4] : [])]
        })
      )
    }
    cases.push(
      rule('nadam', {
        operands: (rng) => [w(rng), g(rng), g(rng), positive(rng)],
        run: (b, [x, d, m, v]) =>
          b.nadam(x!, d!, m!, v!, 0.01, 1 - 0.9, 1 - 0.999, 1e-7, 3.1, 0.35, 333.7),
        outputs: [0, 2, 3]
      }),
      rule('adadelta', {
        operands: (rng) => [w(rng), g(rng), positive(rng), positive(rng)],
        run: (b, [x, d, eg, ed]) => b.adadelta(x!, d!, eg!, ed!, 1, 0.95, 1 - 0.95, 1e-7),
        outputs: [0, 2, 3]
      })
    )
  }
  return cases
}

const groups: [string, Case[]][] = [
  ['bias + activation', biasCases()],
  ['softmax and cross-entropy', softmaxCases()],
  ['optimizer updates and clipping', updateCases()]
]

describe.each(setups)('wasm kernels, $label', (setup) => {
  let backend: WasmBackend
  beforeAll(() => {
    backend = makeBackend(setup)
  })

  it.each(groups)('%s match the reference backend', (_, cases) => {
    cases.forEach((c, i) => check(backend, c, 1000 + i))
  })
})

describe('wasm kernels and edge values', () => {
  let backend: WasmBackend
  beforeAll(() => {
    backend = makeBackend(setups[1])
  })

  it('relu maps NaN and −0 to +0, as x > 0 ? x : 0 does', () => {
    const z = backend.alloc(5)
    z.set([NaN, -0, -1, 2, Infinity])
    const y = backend.alloc(5)
    backend.biasActivation('relu', 0, 1, 5, z, null, y)
    expect([...y].map((v) => Object.is(v, 0) || v)).toEqual([true, true, true, 2, Infinity])
  })

  it('clamp keeps NaN, as Math.min(Math.max(x, lo), hi) does', () => {
    const x = backend.alloc(3)
    x.set([NaN, -5, 5])
    backend.clamp(x, -1, 1)
    expect([...x]).toEqual([NaN, -1, 1])
  })

  it('rejects operands shorter than the call needs', () => {
    const short = backend.alloc(3)
    const long = backend.alloc(8)
    expect(() => backend.biasActivation('relu', 0, 2, 4, short, null, long)).toThrow(RangeError)
    expect(() => backend.sgd(long, short, 0.1)).toThrow(RangeError)
  })
})

describe.each(setups)('wasm batch gather, $label', (setup) => {
  let backend: WasmBackend
  beforeAll(() => {
    backend = makeBackend(setup)
  })

  // Widths around the 16-byte step; scales of MNIST (1/255) and others; orders with repeats.
  it.each([1, 15, 16, 17, 784])(
    'fills rows of width %i with the reference kernel’s bits',
    (width) => {
      const rng = new Rng(width)
      const count = 37
      const src = Uint8Array.from({ length: count * width }, () => rng.int(256))
      const order = Uint32Array.from({ length: 50 }, () => rng.int(count))
      for (const scale of [1 / 255, 0.37, 1]) {
        for (const [start, end] of [
          [0, 50],
          [3, 4],
          [10, 41]
        ]) {
          const rows = end - start
          const expected = new Float32Array(rows * width)
          referenceBackend.gatherScaledRows(src, width, order, start, end, scale, expected)
          const inMemory = backend.alloc(rows * width)
          backend.gatherScaledRows(src, width, order, start, end, scale, inMemory)
          const plain = new Float32Array(rows * width)
          backend.gatherScaledRows(src, width, order, start, end, scale, plain)
          expect(
            firstBitDifference(inMemory, expected),
            `scale ${scale} rows ${start}..${end}`
          ).toBe(-1)
          expect(firstBitDifference(plain, expected)).toBe(-1)
          // The kernel wrote something: row r is sample order[start + r], scaled.
          expect(inMemory[0]).toBe(Math.fround(src[order[start] * width] * scale))
          backend.free(inMemory)
        }
      }
    }
  )

  it('falls back to the TypeScript kernel when the samples do not fit, with the same bits', () => {
    const small = makeBackend(setup, 2 * MIB)
    const width = 784
    const count = 2000 // 1.5 MiB: more than half of what the 2 MiB memory has left
    const rng = new Rng(5)
    const src = Uint8Array.from({ length: count * width }, () => rng.int(256))
    const order = Uint32Array.from({ length: 8 }, () => rng.int(count))
    const before = small.unusedBytes
    const out = small.alloc(8 * width)
    small.gatherScaledRows(src, width, order, 0, 8, 1 / 255, out)
    const expected = new Float32Array(8 * width)
    referenceBackend.gatherScaledRows(src, width, order, 0, 8, 1 / 255, expected)
    expect(firstBitDifference(out, expected)).toBe(-1)
    expect(before - small.unusedBytes).toBeLessThan(width * count) // nothing pinned
  })
})
