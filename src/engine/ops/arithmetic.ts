import type { Tensor } from '../tensor'
import { biasActivation, isBiasFor } from './activations'
import { broadcastBinary } from './broadcast'

// b may have a's shape, a's shape without the batch axis (a bias), or be a scalar.

/** A bias add runs on the backend's fused bias kernels; the other layouts elementwise. */
export const add = (a: Tensor, b: Tensor): Tensor =>
  isBiasFor(a, b)
    ? biasActivation(a, b, 'linear')
    : broadcastBinary(
        'add',
        a,
        b,
        (x, y) => x + y,
        () => 1,
        () => 1
      )

export const sub = (a: Tensor, b: Tensor): Tensor =>
  broadcastBinary(
    'sub',
    a,
    b,
    (x, y) => x - y,
    () => 1,
    () => -1
  )

export const mul = (a: Tensor, b: Tensor): Tensor =>
  broadcastBinary(
    'mul',
    a,
    b,
    (x, y) => x * y,
    (_x, y) => y,
    (x) => x
  )

export const div = (a: Tensor, b: Tensor): Tensor =>
  broadcastBinary(
    'div',
    a,
    b,
    (x, y) => x / y,
    (_x, y) => 1 / y,
    (x, y) => -x / (y * y)
  )
