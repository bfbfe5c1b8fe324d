/**
 * The smooth 1D functions of the Learn view's first two sections, written with the engine's ops
 * so that their slopes come from its autodiff. Each works elementwise: a scalar tensor gives a
 * scalar (for grad), a vector gives the curve at many points at once (for drawing).
 */
import { valueAndGrad } from '../../../engine/grad'
import { add, pow, scale, square, unary } from '../../../engine/ops/index'
import { Tensor } from '../../../engine/tensor'

export type Function1dId = 'square' | 'cosine' | 'twoValleys'

export interface Function1d {
  readonly id: Function1dId
  readonly label: string
  /** The formula as the page shows it. */
  readonly formula: string
  /** The x range the plots show. */
  readonly domain: readonly [number, number]
  /** Where its minima inside the domain are, and whether each is a global one. */
  readonly minima: readonly { readonly x: number; readonly global: boolean }[]
  readonly f: (x: Tensor) => Tensor
}

/** The engine has no trigonometric op: cos as an elementwise primitive, d/dx cos x = −sin x. */
const cos = (x: Tensor): Tensor => unary(x, Math.cos, (v) => -Math.sin(v))

/**
 * f(x) = x⁴/4 + x³/6 − 3x²/2, so f′(x) = x(x + 2)(x − 1.5): a global minimum at x = −2
 * (f = −10/3), a hump at 0 and a shallower local minimum at x = 1.5 (f ≈ −1.55).
 */
const twoValleys = (x: Tensor): Tensor =>
  add(add(scale(pow(x, 4), 1 / 4), scale(pow(x, 3), 1 / 6)), scale(square(x), -3 / 2))

export const functions1d: readonly Function1d[] = [
  {
    id: 'square',
    label: 'Parabola',
    formula: 'f(x) = x²',
    domain: [-3, 3],
    minima: [{ x: 0, global: true }],
    f: square
  },
  {
    id: 'cosine',
    label: 'Cosine',
    formula: 'f(x) = cos x',
    domain: [-2 * Math.PI, 2 * Math.PI],
    minima: [
      { x: -Math.PI, global: true },
      { x: Math.PI, global: true }
    ],
    f: cos
  },
  {
    id: 'twoValleys',
    label: 'Two valleys',
    formula: 'f(x) = x⁴/4 + x³/6 − 3x²/2',
    domain: [-3.2, 3.2],
    minima: [
      { x: -2, global: true },
      { x: 1.5, global: false }
    ],
    f: twoValleys
  }
]

export function function1d(id: Function1dId): Function1d {
  const found = functions1d.find((fn) => fn.id === id)
  if (!found) throw new Error(`Unknown 1D function "${id}"`)
  return found
}

/** f(x) and f′(x) at one point: one forward and one backward pass of the engine. */
export function valueAndSlope(fn: Function1d, x: number): { value: number; slope: number } {
  const { value, grads } = valueAndGrad(fn.f)(x)
  return { value, slope: grads[0].item() }
}

/** f at every x in one vectorised forward pass (float32, like everything the engine computes). */
export function valuesAt(fn: Function1d, xs: ArrayLike<number>): Float32Array {
  return fn.f(Tensor.fromArray(xs, [xs.length])).data
}
