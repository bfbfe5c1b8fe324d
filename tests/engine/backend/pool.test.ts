import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KernelPool } from '../../../src/engine/backend/pool.node'
import { referenceBackend } from '../../../src/engine/backend/reference'
import { createJob, type TeamJob } from '../../../src/engine/backend/team'
import {
  createNodeBackend,
  enableRelaxedSimd,
  kernelsFile,
  type ClosableBackend
} from '../../../src/engine/backend/wasm.node'
import { Rng } from '../../../src/engine/random'
import { compileWasm, createMemory } from '../../../src/engine/wasm/api'
import { firstBitDifference, randomArray, sparseArray } from './wasm-setups'

const MIB = 1024 * 1024

/** The node backend is a WasmBackend, whose buffers can be given back. */
type PoolBackend = ClosableBackend & { free(buffer: Float32Array): void }

/** A gemm job for the pool: args transA, transB, m, n, k, a, b, c, accumulate. */
function gemmJob(args: number[]): TeamJob {
  const job = createJob()
  job.args.set(args)
  return job
}

beforeAll(() => {
  // From a fresh clone the kernels are not built yet; the script is a no-op when up to date.
  execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { stdio: 'ignore' })
})

type Layout = [transA: boolean, transB: boolean]
const layouts: Layout[] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true]
]

/**
 * Every elementwise kernel a team splits, called through the backend on operands `ops` (the
 * variable first, then the gradient and the slots); each call names the operands it needs.
 */
const elementwiseCalls: [
  string,
  number,
  (backend: ClosableBackend, ops: Float32Array[]) => void
][] = [
  ['zero', 1, (be, [x]) => be.zero(x)],
  ['scale', 1, (be, [x]) => be.scale(x, 0.37)],
  ['clamp', 1, (be, [x]) => be.clamp(x, -0.25, 0.5)],
  ['weightDecay', 1, (be, [w]) => be.weightDecay(w, 0.01)],
  ['sgd', 2, (be, [w, g]) => be.sgd(w, g, 0.1)],
  ['sgdMomentum', 3, (be, [w, g, v]) => be.sgdMomentum(w, g, v, 0.1, 0.9, true)],
  ['rmsprop', 3, (be, [w, g, s]) => be.rmsprop(w, g, s, null, null, 1e-3, 0.9, 0.1, 0, 1e-7)],
  [
    'rmsprop (momentum, centered)',
    5,
    (be, [w, g, s, m, gBar]) => be.rmsprop(w, g, s, m, gBar, 1e-3, 0.9, 0.1, 0.5, 1e-7)
  ],
  ['adagrad', 3, (be, [w, g, a]) => be.adagrad(w, g, a, 0.01, 1e-7)],
  ['adam', 4, (be, [w, g, m, v]) => be.adam(w, g, m, v, null, 1e-3, 0.1, 0.001, 1e-7)],
  ['adam (amsgrad)', 5, (be, [w, g, m, v, vm]) => be.adam(w, g, m, v, vm, 1e-3, 0.1, 0.001, 1e-7)],
  ['nadam', 4, (be, [w, g, m, v]) => be.nadam(w, g, m, v, 2e-3, 0.1, 0.001, 1e-7, 0.7, 0.3, 1.2)],
  ['adadelta', 4, (be, [w, g, eg, ed]) => be.adadelta(w, g, eg, ed, 1, 0.95, 0.05, 1e-7)]
]

// The MNIST 784-512 layer's forward and backward products, and shapes whose split leaves
// uneven or empty shares (fewer tiles than threads, sizes off the tile).
const shapes: [number, number, number][] = [
  [128, 512, 784],
  [128, 784, 512],
  [784, 512, 128],
  [1, 1, 1],
  [5, 3, 9],
  [7, 17, 33],
  [131, 29, 70],
  [33, 1031, 5]
]

describe.each(['wasm-relaxed-simd', 'wasm-simd'] as const)('worker pool (%s)', (variant) => {
  const simd = variant === 'wasm-simd' ? 'standard' : 'relaxed'
  const backends: PoolBackend[] = []
  beforeAll(async () => {
    for (const threads of [1, 2, 3]) {
      // parallelMinFlops 0: split even the tiniest product, to exercise empty shares.
      backends.push(
        (await createNodeBackend({
          threads,
          simd,
          memoryBytes: 64 * MIB,
          parallelMinFlops: 0,
          parallelMinValues: 1
        })) as PoolBackend
      )
    }
  })
  afterAll(async () => {
    await Promise.all(backends.map((backend) => backend.close()))
  })

  it('reports its build and thread count', () => {
    expect(backends.map((backend) => backend.name)).toEqual([
      variant,
      `${variant} ×2 threads`,
      `${variant} ×3 threads`
    ])
    expect(backends.map((backend) => backend.threads)).toEqual([1, 2, 3])
  })

  it.each(shapes)('gives bitwise the same C on 1, 2 and 3 threads for %i×%i×%i', (m, n, k) => {
    const rng = new Rng(m * 7919 + n * 31 + k)
    // Dense A, and A mostly zeros (some of its depths skipped: assembly/zero-depths.ts).
    for (const [transA, transB] of layouts) {
      for (const [zeros, accumulate] of [
        [0, false],
        [0, true],
        [0.8, false],
        [0.8, true]
      ] as const) {
        const a = sparseArray(rng, m * k, zeros)
        const b = randomArray(rng, k * n)
        const c0 = randomArray(rng, m * n)
        const results = backends.map((backend) => {
          const [ba, bb, bc] = [backend.alloc(m * k), backend.alloc(k * n), backend.alloc(m * n)]
          ba.set(a)
          bb.set(b)
          bc.set(c0)
          backend.gemm(transA, transB, m, n, k, ba, bb, bc, accumulate)
          const c = bc.slice()
          for (const buffer of [ba, bb, bc]) backend.free(buffer)
          return c
        })
        const label = `${transA},${transB} zeros=${zeros} accumulate=${accumulate}`
        expect(firstBitDifference(results[1], results[0]), label).toBe(-1)
        expect(firstBitDifference(results[2], results[0]), label).toBe(-1)
      }
    }
  })

  // Lengths below, at and above the split (with parallelMinValues 1, anything from 2 values),
  // off the vector width, and a large one.
  it.each(elementwiseCalls)(
    'splits %s by ranges with bitwise the same result on 1, 2 and 3 threads',
    (_, operands, call) => {
      const rng = new Rng(operands * 101)
      for (const n of [1, 2, 3, 7, 8, 13, 4099, 100_003]) {
        // Slots hold positive values (squares), as the optimizers keep them.
        const inputs = Array.from({ length: operands }, (_, i) => {
          const values = randomArray(rng, n)
          return i >= 2 ? values.map(Math.abs) : values
        })
        const results = backends.map((backend) => {
          const ops = inputs.map((values) => {
            const buffer = backend.alloc(n)
            buffer.set(values)
            return buffer
          })
          call(backend, ops)
          const values = ops.map((buffer) => buffer.slice())
          for (const buffer of ops) backend.free(buffer)
          return values
        })
        for (const threads of [1, 2]) {
          results[threads].forEach((values, i) => {
            expect(firstBitDifference(values, results[0][i]), `n=${n} operand ${i}`).toBe(-1)
          })
        }
        // The kernel did something: the variable changed (zero and clamp included).
        expect(firstBitDifference(results[0][0], inputs[0]), `n=${n}`).not.toBe(-1)
      }
    }
  )

  it('computes the right product when split', () => {
    const rng = new Rng(1)
    const [m, n, k] = [96, 200, 150]
    const a = randomArray(rng, m * k)
    const b = randomArray(rng, n * k)
    const expected = new Float32Array(m * n)
    const actual = new Float32Array(m * n)
    referenceBackend.gemm(false, true, m, n, k, a, b, expected, false)
    backends[2].gemm(false, true, m, n, k, a, b, actual, false)
    for (let i = 0; i < m * n; i++) expect(actual[i]).toBeCloseTo(expected[i], 4)
  })
})

describe('worker pool lifecycle', () => {
  beforeAll(() => {
    enableRelaxedSimd()
  })

  it('does not keep the process alive while idle', async () => {
    // Resources that keep the event loop alive and that a worker pool could add.
    const threadHandles = () =>
      process.getActiveResourcesInfo().filter((type) => type === 'MessagePort' || type === 'Worker')
        .length
    const before = threadHandles()
    const backend = await createNodeBackend({ threads: 3, memoryBytes: 16 * MIB })
    expect(threadHandles()).toBeLessThanOrEqual(before)
    await backend.close()
  })

  it('closes: helpers exit and the backend refuses further work', async () => {
    const backend = await createNodeBackend({ threads: 2, memoryBytes: 16 * MIB })
    const x = backend.alloc(4)
    await backend.close()
    expect(() => backend.gemm(false, false, 2, 2, 1, x, x, x, false)).toThrow(/close/)
  })

  it('lets a helper compute a share the caller leaves', async () => {
    const module = compileWasm(readFileSync(kernelsFile('resources/wasm', 'wasm-simd', true)))
    const memory = createMemory({ initial: 64, maximum: 64, shared: true })
    const pool = await KernelPool.start({ module, memory, helpers: 2 })
    const [m, n, k] = [5, 7, 3]
    const [a, b, c, scratch] = [1024, 2048, 3072, 1 << 20]
    const view = (at: number, length: number) => new Float32Array(memory.buffer, at, length)
    view(a, m * k).set(Array.from({ length: m * k }, (_, i) => i + 1))
    view(b, k * n).set(Array.from({ length: k * n }, (_, i) => i % 4))
    const job = gemmJob([0, 0, m, n, k, a, b, c, 0])
    // Two shares, both for the helpers: the caller claims nothing.
    pool.start(
      job,
      [
        { i0: 0, i1: 3, j0: 0, j1: n },
        { i0: 3, i1: m, j0: 0, j1: n }
      ],
      [scratch, scratch + (1 << 20)]
    )
    pool.finish()
    const expected = new Float32Array(m * n)
    referenceBackend.gemm(false, false, m, n, k, view(a, m * k), view(b, k * n), expected, false)
    expect(view(c, m * n)).toEqual(expected)
    await pool.close()
  })

  it('reports a helper that fails instead of hanging', async () => {
    const module = compileWasm(readFileSync(kernelsFile('resources/wasm', 'wasm-simd', true)))
    const memory = createMemory({ initial: 16, maximum: 16, shared: true })
    const pool = await KernelPool.start({ module, memory, helpers: 1 })
    const outside = 1 << 30 // far past the 1 MiB memory: the helper's kernel traps
    const job = gemmJob([0, 0, 8, 8, 8, 0, 0, outside, 0])
    // One share, left for the helper to claim.
    pool.start(job, [{ i0: 0, i1: 8, j0: 0, j1: 8 }], [0])
    expect(() => pool.finish()).toThrow(/helper thread failed/)
    await pool.close()
  })
})
