// Where one training step's time goes: MNIST 784-512-128-10, RMSprop, categorical cross-entropy,
// batch 128 (the Keras example), op by op on the traced plan, forward and backward, plus the
// batch fill, the parameters' gradient settling and the optimizer update.
// Run: node bench/step-profile.mjs [--backend js|wasm] [--threads N] [--simd auto|standard]
//        [--steps 60] [--hidden 512,128] [--batch 128] [--optimizer rmsprop]
// Each figure is the median over `steps` steps (after a warm-up) of one item's wall time; the
// last line has the mean wall and CPU time of a step (CPU counts every thread of the process).
import { execFileSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { flag as arg } from './lib/flag.mjs'
import './lib/ts-loader.mjs' // before any engine import below

const BACKEND = arg('backend', 'wasm')
const THREADS = Number(arg('threads', '1'))
const SIMD = arg('simd', 'auto')
const STEPS = Number(arg('steps', '60'))
const BATCH = Number(arg('batch', '128'))
const HIDDEN = arg('hidden', '512,128').split(',').map(Number)
const OPTIMIZER = arg('optimizer', 'rmsprop')

const root = fileURLToPath(new URL('..', import.meta.url))
execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { cwd: root, stdio: 'ignore' })
const { setBackend, referenceBackend } = await import('../src/engine/backend/index.ts')
const { createNodeBackend } = await import('../src/engine/backend/wasm.node.ts')
const { loadBuiltinMnist } = await import('../src/main/datasets/mnist-files.ts')
const { Dense } = await import('../src/engine/layers/index.ts')
const { Sequential } = await import('../src/engine/model/index.ts')
const { PlanCache } = await import('../src/engine/model/plan.ts')
const { markGradsStale, settleGrad, settleGrads } = await import('../src/engine/autodiff.ts')

const backend =
  BACKEND === 'js'
    ? referenceBackend
    : await createNodeBackend({
        threads: THREADS,
        simd: SIMD,
        wasmDir: `${root}/resources/wasm`
      })
setBackend(backend)

const { train } = loadBuiltinMnist()

const model = new Sequential({ inputShape: [784], seed: 1 })
for (const units of HIDDEN) model.add(new Dense({ units, activation: 'relu' }))
model.add(new Dense({ units: 10, activation: 'softmax' }))
model.compile({ optimizer: OPTIMIZER, loss: 'categorical_crossentropy', metrics: ['accuracy'] })
model.build()
const plans = new PlanCache(
  { layers: model.layers, inputSize: 784, outputDim: 10, rng: { getState() {}, setState() {} } },
  { loss: 'categorical_crossentropy', sparse: false }
)
const plan = plans.get('train', BATCH)
const params = model.weights.map((w) => w.tensor)
const paramData = params.map((t) => t.data)
const gradData = params.map((t) => t.grad)
const optimizer = model.optimizer

// Names for the nodes: weights by their names, other tensors by their shapes.
const weightNames = new Map(model.weights.map((w) => [w.tensor, w.name]))
const nameOf = (t) => weightNames.get(t) ?? `[${t.shape.join('×')}]`
const nodes = plan.tape.nodes
const labels = nodes.map(
  (node, i) => `${i} ${nameOf(node.output)} ← ${node.inputs.map(nameOf).join(', ')}`
)

const order = new Uint32Array(train.count)
for (let i = 0; i < order.length; i++) order[i] = i
const forward = nodes.map(() => [])
const backward = nodes.map(() => [])
const other = { fillBatch: [], settleGrads: [], 'optimizer.apply': [], step: [] }

function step(s, record) {
  const t0 = performance.now()
  const start = (s * BATCH) % (train.count - BATCH)
  train.fillBatch(order, start, start + BATCH, plan.x.data, plan.y.data, 'onehot')
  const t1 = performance.now()
  // As fit() and backpropagate() do it: gradients reset lazily (overwritten by their first write).
  markGradsStale(params)
  nodes.forEach((node, i) => {
    const a = performance.now()
    node.forward()
    if (record) forward[i].push(performance.now() - a)
  })
  for (const node of nodes) if (node.output.grad) node.output.gradStale = true
  plan.loss.ensureGrad()[0] = 1
  plan.loss.gradStale = false
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]
    if (node.output.grad === null) continue
    const a = performance.now()
    settleGrad(node.output)
    node.backward()
    if (record) backward[i].push(performance.now() - a)
  }
  const t2 = performance.now()
  settleGrads(params)
  const t3 = performance.now()
  optimizer.apply(paramData, gradData)
  const t4 = performance.now()
  if (record) {
    other.fillBatch.push(t1 - t0)
    other.settleGrads.push(t3 - t2)
    other['optimizer.apply'].push(t4 - t3)
    other.step.push(t4 - t0)
  }
}

const median = (xs) => (xs.length === 0 ? 0 : [...xs].sort((x, y) => x - y)[xs.length >> 1])
const us = (ms) => `${(ms * 1000).toFixed(0).padStart(7)} µs`

for (let s = 0; s < 20; s++) step(s, false)
const cpu0 = process.cpuUsage()
const wall0 = performance.now()
for (let s = 0; s < STEPS; s++) step(s, true)
const cpu = process.cpuUsage(cpu0)
const wall = performance.now() - wall0

console.log(
  `784-${HIDDEN.join('-')}-10 ${OPTIMIZER} on ${backend.name}, batch ${BATCH}, median of ${STEPS} ` +
    `steps; load average ${loadavg()[0].toFixed(1)}`
)
console.log(
  `${'node (output ← inputs)'.padEnd(56)}${'forward'.padStart(11)}${'backward'.padStart(11)}`
)
nodes.forEach((_, i) =>
  console.log(`${labels[i].padEnd(56)}${us(median(forward[i]))}${us(median(backward[i]))}`)
)
for (const [label, times] of Object.entries(other))
  console.log(`${label.padEnd(56)}${us(median(times))}`)
console.log(
  `mean step: ${(wall / STEPS).toFixed(2)} ms wall, ${((cpu.user + cpu.system) / 1000 / STEPS).toFixed(2)} ms CPU (all threads)`
)
await backend.close?.()
