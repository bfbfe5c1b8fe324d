import type { KernelExports } from '../wasm/kernels'
import type { UpdateKernels } from './types'
import type { Operands } from './wasm-operands'

/**
 * The optimizer update kernels on the WebAssembly module. The variable's length sets every
 * operand's; updated operands (w and the slots) are written back when they had to be staged.
 */
export function wasmUpdateKernels(kernels: KernelExports, o: Operands): UpdateKernels {
  return {
    zero(x) {
      // Nothing to stage: a buffer outside the memory is an ordinary array, filled as such.
      if (o.inMemory(x)) kernels.zero(x.length, x.byteOffset)
      else x.fill(0)
    },

    sumOfSquares(x) {
      return kernels.sumOfSquares(x.length, o.read(x, x.length, 0))
    },

    scale(x, factor) {
      kernels.scale(x.length, o.read(x, x.length, 0), factor)
      o.writeBack(x, x.length, 0)
    },

    clamp(x, lo, hi) {
      kernels.clamp(x.length, o.read(x, x.length, 0), lo, hi)
      o.writeBack(x, x.length, 0)
    },

    weightDecay(w, rate) {
      kernels.weightDecay(w.length, o.read(w, w.length, 0), rate)
      o.writeBack(w, w.length, 0)
    },

    sgd(w, g, lr) {
      const n = w.length
      kernels.sgd(n, o.read(w, n, 0), o.read(g, n, 1), lr)
      o.writeBack(w, n, 0)
    },

    sgdMomentum(w, g, v, lr, momentum, nesterov) {
      const n = w.length
      kernels.sgdMomentum(
        n,
        o.read(w, n, 0),
        o.read(g, n, 1),
        o.read(v, n, 2),
        lr,
        momentum,
        nesterov
      )
      o.writeBack(w, n, 0)
      o.writeBack(v, n, 2)
    },

    rmsprop(w, g, s, m, gBar, lr, rho, oneMinusRho, momentum, epsilon) {
      const n = w.length
      const wAt = o.read(w, n, 0)
      const gAt = o.read(g, n, 1)
      const sAt = o.read(s, n, 2)
      const mAt = o.readOrNone(m, n, 3)
      const gBarAt = o.readOrNone(gBar, n, 4)
      kernels.rmsprop(n, wAt, gAt, sAt, mAt, gBarAt, lr, rho, oneMinusRho, momentum, epsilon)
      o.writeBack(w, n, 0)
      o.writeBack(s, n, 2)
      o.writeBack(m, n, 3)
      o.writeBack(gBar, n, 4)
    },

    adagrad(w, g, a, lr, epsilon) {
      const n = w.length
      kernels.adagrad(n, o.read(w, n, 0), o.read(g, n, 1), o.read(a, n, 2), lr, epsilon)
      o.writeBack(w, n, 0)
      o.writeBack(a, n, 2)
    },

    adam(w, g, m, v, vMax, alpha, oneMinusBeta1, oneMinusBeta2, epsilon) {
      const n = w.length
      const wAt = o.read(w, n, 0)
      const gAt = o.read(g, n, 1)
      const mAt = o.read(m, n, 2)
      const vAt = o.read(v, n, 3)
      const vMaxAt = o.readOrNone(vMax, n, 4)
      kernels.adam(n, wAt, gAt, mAt, vAt, vMaxAt, alpha, oneMinusBeta1, oneMinusBeta2, epsilon)
      o.writeBack(w, n, 0)
      o.writeBack(m, n, 2)
      o.writeBack(v, n, 3)
      o.writeBack(vMax, n, 4)
    },

    nadam(w, g, m, v, lr, oneMinusBeta1, oneMinusBeta2, epsilon, mScale, gScale, vScale) {
      const n = w.length
      const wAt = o.read(w, n, 0)
      const gAt = o.read(g, n, 1)
      const mAt = o.read(m, n, 2)
      const vAt = o.read(v, n, 3)
      kernels.nadam(
        n,
        wAt,
        gAt,
        mAt,
        vAt,
        lr,
        oneMinusBeta1,
        oneMinusBeta2,
        epsilon,
        mScale,
        gScale,
        vScale
      )
      o.writeBack(w, n, 0)
      o.writeBack(m, n, 2)
      o.writeBack(v, n, 3)
    },

    adadelta(w, g, gradSquares, deltaSquares, lr, rho, oneMinusRho, epsilon) {
      const n = w.length
      const wAt = o.read(w, n, 0)
      const gAt = o.read(g, n, 1)
      const egAt = o.read(gradSquares, n, 2)
      const edAt = o.read(deltaSquares, n, 3)
      kernels.adadelta(n, wAt, gAt, egAt, edAt, lr, rho, oneMinusRho, epsilon)
      o.writeBack(w, n, 0)
      o.writeBack(gradSquares, n, 2)
      o.writeBack(deltaSquares, n, 3)
    }
  }
}
