// One TF.js contestant of `npm run bench`: a dense network trained on MNIST for one epoch (or
// `--steps` timed steps after a warm-up, extrapolated to the epoch), printed as one JSON line.
// Run: node bench/tfjs_mnist.mjs --backend wasm|cpu [--hidden 512,128] [--batch 128] [--steps 0]
// Same model as Descent's: Dense(relu)… → Dense(10, softmax), glorotUniform kernels, zero biases,
// RMSprop(lr 1e-3, rho 0.9, eps 1e-7 inside the root, as Keras), categorical cross-entropy.
import * as tf from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'
import { parseArgs } from 'node:util'
import { loadMnist } from './lib/mnist.mjs'

const { values: opts } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    hidden: { type: 'string', default: '512,128' },
    batch: { type: 'string', default: '128' },
    /** 0: time a whole epoch; else time this many steps after `warmup` and extrapolate. */
    steps: { type: 'string', default: '0' },
    warmup: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' }
  }
})
const batch = Number(opts.batch)
const timedSteps = Number(opts.steps)
const seed = Number(opts.seed)

if (!(await tf.setBackend(opts.backend))) throw new Error(`TF.js backend ${opts.backend} failed`)
await tf.ready()

const { train, test } = loadMnist()
/** Images scaled to [0, 1] and one-hot labels. */
const tensors = (set) => {
  const x = new Float32Array(set.count * set.features)
  for (let i = 0; i < x.length; i++) x[i] = set.pixels[i] / 255
  const classes = tf.tensor1d(set.labels, 'int32')
  const y = tf.oneHot(classes, 10).toFloat()
  classes.dispose()
  return { x: tf.tensor2d(x, [set.count, set.features]), y }
}

const model = tf.sequential()
const units = [...opts.hidden.split(',').map(Number), 10]
units.forEach((n, i) =>
  model.add(
    tf.layers.dense({
      units: n,
      activation: i === units.length - 1 ? 'softmax' : 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
      ...(i === 0 ? { inputShape: [train.features] } : {})
    })
  )
)
model.compile({
  optimizer: tf.train.rmsprop(1e-3, 0.9, 0, 1e-7),
  loss: 'categoricalCrossentropy',
  metrics: ['accuracy']
})

const stepsPerEpoch = Math.ceil(train.count / batch)
const fullEpoch = timedSteps === 0 || timedSteps >= stepsPerEpoch
// The whole training set is loaded either way, so that peak RSS counts it as a user's would.
const data = tensors(train)
const fit = (samples) => {
  const first = (t) => (samples === train.count ? t : t.slice(0, samples))
  const options = { batchSize: batch, epochs: 1, shuffle: true, verbose: 0 }
  return model.fit(first(data.x), first(data.y), options)
}

// Kernel set-up and first-call costs stay out of a short timing that is multiplied up.
if (!fullEpoch) await fit(Number(opts.warmup) * batch)
const started = performance.now()
await fit(fullEpoch ? train.count : timedSteps * batch)
const seconds = (performance.now() - started) / 1000
const steps = fullEpoch ? stepsPerEpoch : timedSteps

let testAccuracy = null
if (fullEpoch) {
  const { x, y } = tensors(test)
  const [, accuracy] = model.evaluate(x, y, { batchSize: 1024 })
  testAccuracy = (await accuracy.data())[0]
}

const env = tf.env()
console.log(
  JSON.stringify({
    backend: tf.getBackend(),
    version: tf.version.tfjs,
    simd: opts.backend === 'wasm' ? await env.getAsync('WASM_HAS_SIMD_SUPPORT') : null,
    multithread:
      opts.backend === 'wasm' ? await env.getAsync('WASM_HAS_MULTITHREAD_SUPPORT') : null,
    threads: 1,
    stepsTimed: steps,
    stepsPerEpoch,
    extrapolated: !fullEpoch,
    epochSeconds: (seconds / steps) * stepsPerEpoch,
    testAccuracy
  })
)
