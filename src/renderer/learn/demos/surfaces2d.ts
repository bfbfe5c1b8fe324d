/**
 * The loss surfaces of the Learn view's third section, written with the engine's ops so that
 * their gradients come from its autodiff. f works elementwise: scalar tensors x, y give the loss
 * at a point, vectors give it at every point of a grid at once (for the contour plot).
 */
import { add, mul, pow, scale, square, sub } from '../../../engine/ops/index'
import { Tensor } from '../../../engine/tensor'

export type SurfaceId = 'rosenbrock' | 'beale' | 'saddle' | 'bowl'

export type Point = readonly [number, number]

export interface Range {
  readonly min: number
  readonly max: number
}

export interface Surface {
  readonly id: SurfaceId
  readonly label: string
  readonly formula: string
  /** The region drawn, and the box a run must stay in. */
  readonly domain: { readonly x: Range; readonly y: Range }
  readonly start: Point
  /** The global minimum, or null when the surface has none (the saddle falls away forever). */
  readonly minimum: { readonly point: Point; readonly value: number } | null
  /** A run has reached the goal once its loss is at most this. */
  readonly target: number
  /** Log-spaced contour levels for surfaces whose values span many orders of magnitude. */
  readonly logLevels: boolean
  readonly note: string
  readonly f: (x: Tensor, y: Tensor) => Tensor
}

const constant = (c: number): Tensor => Tensor.scalar(c)

/** (x − 1)² + 100(y − x²)²: a curved, narrow valley whose floor is almost flat. */
const rosenbrock = (x: Tensor, y: Tensor): Tensor =>
  add(square(sub(x, constant(1))), scale(square(sub(y, square(x))), 100))

/** (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²: flat plateaus and steep walls. */
const beale = (x: Tensor, y: Tensor): Tensor => {
  const term = (yPower: Tensor, c: number): Tensor =>
    square(add(sub(mul(x, yPower), x), constant(c)))
  return add(add(term(y, 1.5), term(square(y), 2.25)), term(pow(y, 3), 2.625))
}

const saddle = (x: Tensor, y: Tensor): Tensor => sub(square(x), square(y))

/** Curvature 2 along x and 50 along y: a condition number of 25. */
const bowl = (x: Tensor, y: Tensor): Tensor => add(square(x), scale(square(y), 25))

export const surfaces: readonly Surface[] = [
  {
    id: 'rosenbrock',
    label: 'Rosenbrock',
    formula: 'f(x, y) = (1 − x)² + 100·(y − x²)²',
    domain: { x: { min: -2, max: 2 }, y: { min: -1, max: 3 } },
    start: [-1.2, 1],
    minimum: { point: [1, 1], value: 0 },
    target: 1e-3,
    logLevels: true,
    note: 'The valley is easy to find and hard to follow: its floor bends and barely slopes toward (1, 1).',
    f: rosenbrock
  },
  {
    id: 'beale',
    label: 'Beale',
    formula: 'f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
    domain: { x: { min: -4.5, max: 4.5 }, y: { min: -4.5, max: 4.5 } },
    start: [1, 1.5],
    minimum: { point: [3, 0.5], value: 0 },
    target: 1e-3,
    logLevels: true,
    note: 'Steep walls next to flat plateaus: one learning rate is too big on the walls and too small on the plateaus.',
    f: beale
  },
  {
    id: 'saddle',
    label: 'Saddle',
    formula: 'f(x, y) = x² − y²',
    domain: { x: { min: -2, max: 2 }, y: { min: -2, max: 2 } },
    start: [1.8, 0.02],
    minimum: null,
    target: -1,
    logLevels: false,
    note: 'No minimum: the loss falls forever along y, and a run stops at the edge. From near the ridge, plain gradient descent escapes slowly — the push along y grows only as fast as y itself.',
    f: saddle
  },
  {
    id: 'bowl',
    label: 'Ill-conditioned bowl',
    formula: 'f(x, y) = x² + 25y²',
    domain: { x: { min: -3, max: 3 }, y: { min: -1.5, max: 1.5 } },
    start: [-2.5, 1],
    minimum: { point: [0, 0], value: 0 },
    target: 1e-3,
    logLevels: false,
    note: 'Steep across, shallow along: a learning rate small enough not to bounce across the steep walls crawls along the floor.',
    f: bowl
  }
]

export function surface(id: SurfaceId): Surface {
  const found = surfaces.find((s) => s.id === id)
  if (!found) throw new Error(`Unknown surface "${id}"`)
  return found
}

/** f at every (xs[i], ys[i]) in one vectorised forward pass. */
export function surfaceValues(
  s: Surface,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>
): Float32Array {
  return s.f(Tensor.fromArray(xs, [xs.length]), Tensor.fromArray(ys, [ys.length])).data
}
