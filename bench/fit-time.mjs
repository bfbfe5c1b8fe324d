// Epoch times of model.fit in this process (no database, no worker): MNIST 784-512-128-10,
// RMSprop, batch 128, with the fast backend. Separates the training loop's own overheads from
// the CLI's. Run: node bench/fit-time.mjs [--threads 2] [--epochs 2] [--spin 1000] [--every-depth]
// (--every-depth: gemm computes the zero depths it would skip).
// FIRST=n also prints the first n steps' times (warm-up); SLOW=1 lists the last epoch's slow steps.
import { fileURLToPath } from 'node:url'
import { flag as arg } from './lib/flag.mjs'
import './lib/ts-loader.mjs' // before any engine import below

const root = fileURLToPath(new URL('..', import.meta.url))
const { setBackend } = await import('../src/engine/backend/index.ts')
const { createNodeBackend } = await import('../src/engine/backend/wasm.node.ts')
const { loadBuiltinMnist } = await import('../src/main/datasets/mnist-files.ts')
const { Dense } = await import('../src/engine/layers/index.ts')
const { Sequential } = await import('../src/engine/model/index.ts')

const backend = await createNodeBackend({
  threads: Number(arg('threads', '2')),
  spinMicroseconds: arg('spin') === undefined ? undefined : Number(arg('spin')),
  wasmDir: `${root}/resources/wasm`,
  skipZeroDepths: !process.argv.includes('--every-depth')
})
setBackend(backend)
const { train } = loadBuiltinMnist()
const model = new Sequential({ inputShape: [784], seed: 1 })
model.add(new Dense({ units: 512, activation: 'relu' }))
model.add(new Dense({ units: 128, activation: 'relu' }))
model.add(new Dense({ units: 10, activation: 'softmax' }))
model.compile({ optimizer: 'rmsprop', loss: 'categorical_crossentropy', metrics: ['accuracy'] })
const times = []
const steps = []
let start = 0
let last = 0
const history = await model.fit(train, {
  epochs: Number(arg('epochs', '2')),
  batchSize: 128,
  seed: 1,
  yieldEveryMs: 1000, // as the training worker runs it
  callbacks: [
    {
      onEpochBegin: () => (start = last = performance.now()),
      onBatchEnd: () => {
        const now = performance.now()
        steps.push(now - last)
        last = now
      },
      onEpochEnd: () => times.push(performance.now() - start)
    }
  ]
})
const sorted = steps.slice(steps.length >> 1).sort((a, b) => a - b)
const q = (f) => sorted[Math.floor(f * (sorted.length - 1))].toFixed(3)
console.log(
  `${backend.name}: step ms (last epoch) p10 ${q(0.1)} median ${q(0.5)} p90 ${q(0.9)}; epoch s ${times.map((t) => (t / 1000).toFixed(3)).join(' ')}; loss ${history.history.loss.map((l) => l.toFixed(4)).join(' ')}`
)
if (process.env.FIRST) {
  console.log(
    steps
      .slice(0, Number(process.env.FIRST))
      .map((t) => t.toFixed(1))
      .join(' ')
  )
}
if (process.env.SLOW) {
  const last = steps.slice(steps.length >> 1)
  const med = [...last].sort((a, b) => a - b)[last.length >> 1]
  console.log(
    last
      .map((t, i) => (t > 1.25 * med ? `${i}:${t.toFixed(1)}` : ''))
      .filter(Boolean)
      .join(' ')
  )
}
await backend.close()
