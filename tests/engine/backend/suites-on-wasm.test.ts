/**
 * The engine's own test tables, run again with the WebAssembly backend in charge: the gradient
 * checks of every op and loss, Keras's one-step fixtures and the 5-step golden runs of every
 * optimizer, convergence, the clipping and weight-decay pipeline and state round trips. Tensors
 * are allocated in the kernels' memory; the optimizer tests' plain arrays are staged in and out,
 * so every kernel runs in WebAssembly either way.
 */
import { afterAll } from 'vitest'
import { referenceBackend, setBackend } from '../../../src/engine/backend/index'
import { createNodeBackend } from '../../../src/engine/backend/wasm.node'
import { prepareKernels } from './wasm-setups'

prepareKernels()
const backend = await createNodeBackend({ threads: 1, memoryBytes: 64 * 1024 * 1024 })
setBackend(backend)
afterAll(async () => {
  setBackend(referenceBackend)
  await backend.close()
})

await import('../core/ops.test')
await import('../core/losses.test')
await import('../optimizers/optimizers.test')
await import('../optimizers/pipeline.test')
await import('../optimizers/state.test')
