import { biasActivation, biasActivationBackward } from './js/activations'
import { gatherScaledRows } from './js/batch'
import { gemm } from './js/gemm'
import {
  softmax,
  softmaxBackward,
  softmaxCrossEntropy,
  softmaxCrossEntropyBackward,
  sparseSoftmaxCrossEntropy,
  sparseSoftmaxCrossEntropyBackward
} from './js/softmax'
import * as updates from './js/updates'
import type { KernelBackend } from './types'

/**
 * The plain TypeScript kernels (./js): the oracle every faster backend is tested against, and
 * the fallback where there is no WebAssembly SIMD.
 */
export const referenceBackend: KernelBackend = {
  name: 'js',
  threads: 1,
  alloc: (length) => new Float32Array(length),
  allocBytes: (length) => new Uint8Array(length),
  gemm,
  gatherScaledRows,
  biasActivation,
  biasActivationBackward,
  softmax,
  softmaxBackward,
  softmaxCrossEntropy,
  softmaxCrossEntropyBackward,
  sparseSoftmaxCrossEntropy,
  sparseSoftmaxCrossEntropyBackward,
  ...updates
}
