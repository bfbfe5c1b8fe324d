import type { UpdateKernels } from './types'
import type { ElementwiseRunner } from './wasm-elementwise'
import type { Operands } from './wasm-operands'
import type { KernelExports } from '../wasm/kernels'

/**
 * The optimizer update kernels on the WebAssembly module, split between threads by ranges of
 * values when the variable is large (`run`). The variable's length sets every operand's;
 * updated operands (w and the slots) are written back when they had to be staged.
 */
export function wasmUpdateKernels(
  kernels: KernelExports,
  o: Operands,
  run: ElementwiseRunner
): UpdateKernels {
  return {
    zero(x) {
      // Nothing to stage: a buffer outside the memory is an ordinary array, filled as such.
      if (o.inMemory(x)) run.run('zero', x.length, 1, x.byteOffset)
      else x.fill(0)
    },

    sumOfSquares(x) {
      // A sum: one thread, so its order (and its bits) never depend on the thread count.
      return kernels.sumOfSquares(x.length, o.read(x, x.length, 0))
    },

    scale(x, factor) {
      run.run('scale', x.length, 1, o.read(x, x.length, 0), factor)
      o.writeBack(x, x.length, 0)
    },

    clamp(x, lo, hi) {
      run.run('clamp', x.length, 1, o.read(x, x.length, 0), lo, hi)
      o.writeBack(x, x.length, 0)
    },

    weightDecay(w, rate) {
      run.run('weightDecay', w.length, 1, o.read(w, w.length, 0), rate)
      o.writeBack(w, w.length, 0)
    },

    sgd(w, g, lr) {
      const n = w.length
      run.run('sgd', n, 2, o.read(w, n, 0), o.read(g, n, 1), lr)
      o.writeBack(w, n, 0)
    },

    sgdMomentum(w, g, v, lr, momentum, nesterov) {
      const n = w.length
      run.run(
        'sgdMomentum',
        n,
        3,
        o.read(w, n, 0),
        o.read(g, n, 1),
        o.read(v, n, 2),
        lr,
        momentum,
        +nesterov
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
      run.run('rmsprop', n, 5, wAt, gAt, sAt, mAt, gBarAt, lr, rho, oneMinusRho, momentum, epsilon)
      o.writeBack(w, n, 0)
      o.writeBack(s, n, 2)
      o.writeBack(m, n, 3)
      o.writeBack(gBar, n, 4)
    },

    adagrad(w, g, a, lr, epsilon) {
      const n = w.length
      run.run('adagrad', n, 3, o.read(w, n, 0), o.read(g, n, 1), o.read(a, n, 2), lr, epsilon)
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
      run.run(
        'adam',
        n,
        5,
        wAt,
        gAt,
        mAt,
        vAt,
        vMaxAt,
        alpha,
        oneMinusBeta1,
        oneMinusBeta2,
        epsilon
      )
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
      run.run(
        'nadam',
        n,
        4,
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
      run.run('adadelta', n, 4, wAt, gAt, egAt, edAt, lr, rho, oneMinusRho, epsilon)
      o.writeBack(w, n, 0)
      o.writeBack(gradSquares, n, 2)
      o.writeBack(deltaSquares, n, 3)
    }
  }
}
