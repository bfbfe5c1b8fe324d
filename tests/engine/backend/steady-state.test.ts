/**
 * Steady-state training allocates nothing per step: once the plan is traced and the optimizer
 * built, a step — batch fill, forward, backward, clipping, weight decay, update — creates no typed
 * array, on the reference backend and on WebAssembly, and on WebAssembly the JavaScript heap does
 * not grow beyond a few boxed scalars.
 */
import { runInNewContext } from 'node:vm'
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { markGradsStale, settleGrads } from '../../../src/engine/autodiff'
import { referenceBackend, setBackend } from '../../../src/engine/backend/index'
import type { KernelBackend } from '../../../src/engine/backend/types'
import { createNodeBackend, type ClosableBackend } from '../../../src/engine/backend/wasm.node'
import { Dataset } from '../../../src/engine/data/dataset'
import { Dense } from '../../../src/engine/layers/index'
import { Sequential } from '../../../src/engine/model/index'
import { PlanCache } from '../../../src/engine/model/plan'
import { Rng } from '../../../src/engine/random'
import { prepareKernels } from './wasm-setups'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const TYPED_ARRAYS = [
  'Float32Array',
  'Float64Array',
  'Int32Array',
  'Uint32Array',
  'Uint8Array',
  'ArrayBuffer'
] as const

/** How many typed arrays (and array buffers) `fn` constructs with `new`. */
function constructions(fn: () => void): number {
  let count = 0
  const global = globalThis as unknown as Record<string, object>
  const originals = TYPED_ARRAYS.map((name) => global[name])
  TYPED_ARRAYS.forEach((name, i) => {
    global[name] = new Proxy(originals[i], {
      construct(target, args, newTarget) {
        count++
        return Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget)
      }
    })
  })
  try {
    fn()
  } finally {
    TYPED_ARRAYS.forEach((name, i) => (global[name] = originals[i]))
  }
  return count
}

/**
 * Bytes the JavaScript heap grows by per call of `fn`: the least over several windows of `calls`
 * calls, each after a collection. Compiling (and recompiling) hot code allocates now and then;
 * an allocation in the step itself shows in every window.
 */
function heapGrowthPerCall(fn: () => void, calls = 200, windows = 12): number {
  let least = Infinity
  for (let w = 0; w < windows; w++) {
    collectGarbage()
    const before = getHeapStatistics().used_heap_size
    for (let i = 0; i < calls; i++) fn()
    least = Math.min(least, (getHeapStatistics().used_heap_size - before) / calls)
  }
  return least
}

const FEATURES = 48
const CLASSES = 10
const BATCH = 32

function randomData(samples: number): Dataset {
  const rng = new Rng(9)
  return Dataset.fromUint8({
    name: 'noise',
    features: Uint8Array.from({ length: samples * FEATURES }, () => rng.int(256)),
    featureShape: [FEATURES],
    scale: 1 / 255,
    labels: Int32Array.from({ length: samples }, () => rng.int(CLASSES)),
    numClasses: CLASSES
  })
}

/**
 * A training step as fit() runs it, over a traced plan, warmed up (long enough for the JIT to
 * settle the two-thread path's call sites too); and the variables it updates.
 */
function trainingStep(optimizer: Record<string, unknown>): { step: () => void; variables: number } {
  const model = new Sequential({ inputShape: [FEATURES], seed: 2 })
  model.add(new Dense({ units: 24, activation: 'relu' }))
  model.add(new Dense({ units: 16, activation: 'leaky_relu' }))
  model.add(new Dense({ units: CLASSES, activation: 'softmax' }))
  model.compile({ optimizer: optimizer as { name: string }, loss: 'categorical_crossentropy' })
  model.build()
  const plans = new PlanCache(
    { layers: model.layers, inputSize: FEATURES, outputDim: CLASSES, rng: new Rng(1) },
    { loss: 'categorical_crossentropy', sparse: false }
  )
  const plan = plans.get('train', BATCH)
  const data = randomData(4 * BATCH)
  const order = Uint32Array.from({ length: data.count }, (_, i) => i)
  const params = model.weights.map((w) => w.tensor)
  const values = params.map((t) => t.data)
  const grads = params.map((t) => t.grad!)
  let start = 0
  const step = () => {
    data.fillBatch(order, start, start + BATCH, plan.x.data, plan.y!.data, 'onehot')
    start = (start + BATCH) % data.count
    markGradsStale(params)
    plan.tape.forward()
    plan.tape.backward(plan.loss!)
    settleGrads(params)
    model.optimizer.apply(values, grads)
    if (!Number.isFinite(plan.loss!.item())) throw new Error('the loss is not finite')
  }
  for (let i = 0; i < 2000; i++) step()
  return { step, variables: params.length }
}

const optimizers: Record<string, unknown>[] = [
  { name: 'rmsprop' },
  { name: 'rmsprop', centered: true, momentum: 0.5, clipnorm: 1 },
  { name: 'sgd', momentum: 0.9, nesterov: true, global_clipnorm: 1 },
  { name: 'adam', amsgrad: true, clipvalue: 0.5 },
  { name: 'adamw' },
  { name: 'nadam' },
  { name: 'adagrad' },
  { name: 'adadelta', learning_rate: 1 }
]

// WebAssembly first, so that its JIT feedback is not mixed with the reference kernels' (a training
// worker runs on one backend): call sites that saw both inline less, and box more scalars.
// 'wasm ×2' splits every product and update between two threads (thresholds 0 and 1).
describe.each(['wasm', 'wasm ×2', 'js'])('a training step on the %s backend', (kind) => {
  let backend: KernelBackend | ClosableBackend = referenceBackend
  beforeAll(async () => {
    if (kind !== 'js') {
      prepareKernels()
      const threads = kind === 'wasm' ? 1 : 2
      backend = await createNodeBackend({
        threads,
        memoryBytes: 32 * 1024 * 1024,
        parallelMinFlops: 0,
        parallelMinValues: 1
      })
    }
    setBackend(backend)
  })
  afterAll(async () => {
    setBackend(referenceBackend)
    if ('close' in backend) await backend.close()
  })

  it.each(optimizers)('with $name (%o) allocates nothing', (optimizer) => {
    const { step, variables } = trainingStep(optimizer)
    if (kind !== 'js') {
      // V8 boxes a float64 handed to a call it did not inline (16 bytes): the hyperparameters on
      // their way to the kernels (Nadam passes five a variable) and the loss. Beyond those, the
      // heap does not grow: a closure, an array or a view per op would, and anything per element
      // (the TypeScript kernels box values the JIT does not inline, so they are not held to it).
      expect(heapGrowthPerCall(step)).toBeLessThan(16 * (6 * variables + 4))
    }
    expect(
      constructions(() => {
        for (let i = 0; i < 100; i++) step()
      })
    ).toBe(0)
  })
})
