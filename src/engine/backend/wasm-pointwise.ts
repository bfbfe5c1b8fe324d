import type { KernelExports } from '../wasm/kernels'
import { referenceBackend } from './reference'
import type { MatrixKernels, PointwiseActivation } from './types'
import type { Operands } from './wasm-operands'

export type PointwiseKernels = Omit<MatrixKernels, 'gemm'>

/** The activations with WebAssembly kernels; the others (exp, tanh, erf…) run the reference's. */
const inWasm = (f: PointwiseActivation): boolean =>
  f === 'relu' || f === 'linear' || f === 'leaky_relu'

/** Bias + activation and softmax (+ cross-entropy) kernels on the WebAssembly module. */
export function wasmPointwiseKernels(kernels: KernelExports, o: Operands): PointwiseKernels {
  return {
    biasActivation(f, alpha, rows, width, z, bias, y) {
      if (!inWasm(f)) return referenceBackend.biasActivation(f, alpha, rows, width, z, bias, y)
      const n = rows * width
      const zAt = o.read(z, n, 0)
      const biasAt = o.readOrNone(bias, width, 1)
      const yAt = o.write(y, n, 2)
      if (f === 'relu') kernels.biasRelu(rows, width, zAt, biasAt, yAt)
      else if (f === 'linear') kernels.biasLinear(rows, width, zAt, biasAt, yAt)
      else kernels.biasLeakyRelu(alpha, rows, width, zAt, biasAt, yAt)
      o.writeBack(y, n, 2)
    },

    biasActivationBackward(f, alpha, rows, width, z, bias, y, gy, gz, gBias) {
      if (!inWasm(f)) {
        return referenceBackend.biasActivationBackward(
          f,
          alpha,
          rows,
          width,
          z,
          bias,
          y,
          gy,
          gz,
          gBias
        )
      }
      const n = rows * width
      const gyAt = o.read(gy, n, 0)
      const gzAt = o.readOrNone(gz, n, 1)
      const gBiasAt = o.readOrNone(gBias, width, 2)
      if (f === 'relu') {
        kernels.biasReluBackward(rows, width, o.read(y, n, 3), gyAt, gzAt, gBiasAt)
      } else if (f === 'linear') {
        kernels.biasLinearBackward(rows, width, gyAt, gzAt, gBiasAt)
      } else {
        const zAt = o.read(z, n, 3)
        const biasAt = o.readOrNone(bias, width, 4)
        kernels.biasLeakyReluBackward(alpha, rows, width, zAt, biasAt, gyAt, gzAt, gBiasAt)
      }
      o.writeBack(gz, n, 1)
      o.writeBack(gBias, width, 2)
    },

    softmax(rows, width, x, y) {
      const n = rows * width
      kernels.softmaxRows(rows, width, o.read(x, n, 0), o.write(y, n, 1))
      o.writeBack(y, n, 1)
    },

    softmaxBackward(rows, width, y, gy, gx) {
      const n = rows * width
      kernels.softmaxRowsBackward(rows, width, o.read(y, n, 0), o.read(gy, n, 1), o.read(gx, n, 2))
      o.writeBack(gx, n, 2)
    },

    softmaxCrossEntropy(rows, classes, logits, targets, probs) {
      const n = rows * classes
      const logitsAt = o.read(logits, n, 0)
      const targetsAt = o.read(targets, n, 1)
      const probsAt = o.write(probs, n, 2)
      const loss = kernels.softmaxCrossEntropy(rows, classes, logitsAt, targetsAt, probsAt)
      o.writeBack(probs, n, 2)
      return loss
    },

    softmaxCrossEntropyBackward(rows, classes, probs, targets, scale, gLogits) {
      const n = rows * classes
      const probsAt = o.read(probs, n, 0)
      const targetsAt = o.read(targets, n, 1)
      const gAt = o.read(gLogits, n, 2)
      kernels.softmaxCrossEntropyBackward(rows, classes, probsAt, targetsAt, scale, gAt)
      o.writeBack(gLogits, n, 2)
    },

    sparseSoftmaxCrossEntropy(rows, classes, logits, labels, probs) {
      const n = rows * classes
      const logitsAt = o.read(logits, n, 0)
      const labelsAt = o.read(labels, rows, 1)
      const probsAt = o.write(probs, n, 2)
      const loss = kernels.sparseSoftmaxCrossEntropy(rows, classes, logitsAt, labelsAt, probsAt)
      o.writeBack(probs, n, 2)
      return loss
    },

    sparseSoftmaxCrossEntropyBackward(rows, classes, probs, labels, scale, gLogits) {
      const n = rows * classes
      const probsAt = o.read(probs, n, 0)
      const labelsAt = o.read(labels, rows, 1)
      const gAt = o.read(gLogits, n, 2)
      kernels.sparseSoftmaxCrossEntropyBackward(rows, classes, probsAt, labelsAt, scale, gAt)
      o.writeBack(gLogits, n, 2)
    }
  }
}
