import type { Tensor } from '../tensor'
import { unary } from './unary'

export const neg = (a: Tensor): Tensor =>
  unary(
    a,
    (x) => -x,
    () => -1
  )

export const scale = (a: Tensor, s: number): Tensor =>
  unary(
    a,
    (x) => s * x,
    () => s
  )

export const exp = (a: Tensor): Tensor => unary(a, Math.exp, (_x, y) => y)

/** Natural log; non-positive inputs give -Infinity/NaN, not an error. */
export const log = (a: Tensor): Tensor => unary(a, Math.log, (x) => 1 / x)

export const sqrt = (a: Tensor): Tensor => unary(a, Math.sqrt, (_x, y) => 0.5 / y)

export const pow = (a: Tensor, p: number): Tensor =>
  unary(
    a,
    (x) => Math.pow(x, p),
    (x) => p * Math.pow(x, p - 1)
  )

/** |x|, with derivative sign(x) (0 at 0, as TensorFlow). */
export const abs = (a: Tensor): Tensor => unary(a, Math.abs, Math.sign)

export const square = (a: Tensor): Tensor =>
  unary(
    a,
    (x) => x * x,
    (x) => 2 * x
  )
