// GEMM throughput on the MNIST 784-512-128-10 shapes (batch 128): the TypeScript reference,
// the WebAssembly kernels on one thread (standard and relaxed SIMD) and on every core.
// Run: node bench/gemm.mjs [--runs 7]      (builds the kernels first if they are missing)
// Each cell is the median of `runs` timings, contestants and rows interleaved run by run (the
// 2-thread timings on these hosts are bimodal). Fractions are of the fp32 FMA peak quoted for this
// machine: 117 GFLOP/s a core (Zen 4, ~3.6 GHz).
import { execFileSync } from 'node:child_process'
import { availableParallelism, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import './lib/ts-loader.mjs' // before any engine import below

const PEAK_PER_CORE = 117
const runsArg = process.argv.indexOf('--runs')
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7
/** Each timing repeats the product until this many milliseconds have passed. */
const MIN_MS = 60

const root = fileURLToPath(new URL('..', import.meta.url))
execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { cwd: root, stdio: 'ignore' })
const { createNodeBackend } = await import('../src/engine/backend/wasm.node.ts')
const { referenceBackend } = await import('../src/engine/backend/reference.ts')
const { Rng } = await import('../src/engine/random.ts')

const wasmDir = fileURLToPath(new URL('../resources/wasm', import.meta.url))
const cores = availableParallelism()
const contestants = [
  { backend: referenceBackend, cores: 1 },
  { backend: await createNodeBackend({ threads: 1, simd: 'standard', wasmDir }), cores: 1 },
  { backend: await createNodeBackend({ threads: 1, wasmDir }), cores: 1 },
  { backend: await createNodeBackend({ threads: cores, wasmDir }), cores }
]

// [label, transA, transB, m, n, k]: each layer's forward product and its two backward products.
const shapes = [
  ['784→512 forward  X·W', false, false, 128, 512, 784],
  ['784→512 dX = dY·Wᵀ', false, true, 128, 784, 512],
  ['784→512 dW = Xᵀ·dY', true, false, 784, 512, 128],
  ['512→128 forward  X·W', false, false, 128, 128, 512],
  ['512→128 dX = dY·Wᵀ', false, true, 128, 512, 128],
  ['512→128 dW = Xᵀ·dY', true, false, 512, 128, 128]
]

// The rows: each product alone, then all six back to back as a training step runs them.
const rows = [...shapes.map((shape) => [shape[0], [shape]]), ['all six in sequence', shapes]]

/** Random operands for each product of a row, in `backend`'s memory. */
function operands(backend, rng, products) {
  const fill = (length) => {
    const x = backend.alloc(length)
    for (let i = 0; i < length; i++) x[i] = rng.uniform(-1, 1)
    return x
  }
  return products.map(([, , , m, n, k]) => ({ a: fill(m * k), b: fill(k * n), c: fill(m * n) }))
}

const flopsOf = (products) => products.reduce((sum, [, , , m, n, k]) => sum + 2 * m * n * k, 0)

/** GFLOP/s of one timing: repeat the row's products until MIN_MS have passed. */
function time(backend, products, data) {
  let reps = 0
  const start = performance.now()
  let elapsed
  do {
    products.forEach(([, transA, transB, m, n, k], i) => {
      const { a, b, c } = data[i]
      backend.gemm(transA, transB, m, n, k, a, b, c, false)
    })
    reps++
    elapsed = performance.now() - start
  } while (elapsed < MIN_MS)
  return (flopsOf(products) * reps) / (elapsed * 1e6)
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]

const load = () => loadavg()[0].toFixed(1)
console.log(
  `GEMM, GFLOP/s: median of ${RUNS} runs, contestants and rows interleaved; (%) of the fp32 peak, ` +
    `${PEAK_PER_CORE} GFLOP/s a core. Node ${process.versions.node}, ${cores} cores, ` +
    `load average ${load()} at the start (other work on the machine skews every number).`
)
console.log(
  ['shape (m×n×k)'.padEnd(36), ...contestants.map((c) => c.backend.name.padStart(30))].join('')
)
// Every row's operands first, then the runs: run r times every row's contestants in turn, so a
// row's samples spread over the whole bench, and a burst of noise on the host (they last
// seconds here) costs each row a sample or two instead of all of one row's.
const rng = new Rng(1)
const data = rows.map(([, products]) =>
  contestants.map(({ backend }) => operands(backend, rng, products))
)
const samples = rows.map(() => contestants.map(() => []))
rows.forEach(([, products], r) =>
  contestants.forEach(({ backend }, i) => time(backend, products, data[r][i]))
) // warm-up
for (let run = 0; run < RUNS; run++) {
  rows.forEach(([, products], r) =>
    contestants.forEach(({ backend }, i) => samples[r][i].push(time(backend, products, data[r][i])))
  )
}
rows.forEach(([label, products], r) => {
  const cells = contestants.map(({ cores: used }, i) => {
    const gflops = median(samples[r][i])
    const peak = (100 * gflops) / (PEAK_PER_CORE * used)
    return `${gflops.toFixed(1)} (${peak.toFixed(0)}%)`.padStart(30)
  })
  const size = products.length === 1 ? ` ${products[0].slice(3).join('×')}` : ''
  console.log([`${label}${size}`.padEnd(36), ...cells].join(''))
})
console.log(`load average ${load()} at the end`)
await Promise.all(contestants.map(({ backend }) => backend.close?.()))
