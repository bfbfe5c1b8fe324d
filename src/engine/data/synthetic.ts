import { Rng } from '../random'
import { Dataset } from './dataset'

export type SyntheticName = 'spiral' | 'circles' | 'xor' | 'moons' | 'blobs' | 'sine' | 'cubic'

export interface SyntheticOptions {
  /** Samples (default 1000). */
  n?: number
  /** Standard deviation of the Gaussian noise (default per set). */
  noise?: number
  /** Seed of the engine's Rng (default 0): the same seed gives the same data set. */
  seed?: number
  /** Classes of spiral (arms) and blobs (default 3); the binary sets have 2. */
  classes?: number
  /** circles only: inner radius / outer radius, in (0, 1) (default 0.5). */
  factor?: number
}

type Points = { x: Float32Array; y: Int32Array | Float32Array }
type Kind = 'multiclass' | 'binary' | 'regression'

interface Recipe {
  kind: Kind
  noise: number
  make(rng: Rng, n: number, noise: number, classes: number, factor: number): Points
}

const MAX_SAMPLES = 1_000_000
const MAX_CLASSES = 16

/**
 * Toy data sets for watching a network learn, each fully determined by its options.
 * 2-D classification sets have featureShape [2]; the regression curves map x ∈ [-1, 1]
 * (cubic: [-1.5, 1.5]) to one target. Classes hold n/classes samples each (±1), and the samples
 * are shuffled, so splitValidation's last fraction is not one class.
 */
const RECIPES: Record<SyntheticName, Recipe> = {
  // CS231n's spiral: arm j sweeps radius 0 → 1 while its angle turns 4 radians, angle noise.
  spiral: {
    kind: 'multiclass',
    noise: 0.2,
    make: (rng, n, noise, k) =>
      byClass(n, k, 2, (j, i, m, out) => {
        const r = m > 1 ? i / (m - 1) : 0
        const t = (2 * Math.PI * j) / k + 4 * r + noise * rng.normal()
        out[0] = r * Math.sin(t)
        out[1] = r * Math.cos(t)
      })
  },
  // scikit-learn's make_circles: outer circle class 0, inner circle (radius factor) class 1.
  circles: {
    kind: 'binary',
    noise: 0.05,
    make: (rng, n, noise, _k, factor) =>
      byClass(n, 2, 2, (j, i, m, out) => {
        const t = (2 * Math.PI * i) / m
        const radius = j === 0 ? 1 : factor
        out[0] = radius * Math.cos(t) + noise * rng.normal()
        out[1] = radius * Math.sin(t) + noise * rng.normal()
      })
  },
  // Four quadrants: class 1 where the signs of the two coordinates differ.
  xor: {
    kind: 'binary',
    noise: 0.05,
    make: (rng, n, noise) => {
      const quadrants = byClass(n, 4, 2, (q, _i, _m, out) => {
        out[0] = (q === 0 || q === 3 ? 1 : -1) * rng.next() + noise * rng.normal()
        out[1] = (q < 2 ? 1 : -1) * rng.next() + noise * rng.normal()
      })
      return { x: quadrants.x, y: quadrants.y.map((q) => q % 2) }
    }
  },
  // scikit-learn's make_moons: two interleaving half circles.
  moons: {
    kind: 'binary',
    noise: 0.1,
    make: (rng, n, noise) =>
      byClass(n, 2, 2, (j, i, m, out) => {
        const t = m > 1 ? (Math.PI * i) / (m - 1) : 0
        out[0] = (j === 0 ? Math.cos(t) : 1 - Math.cos(t)) + noise * rng.normal()
        out[1] = (j === 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * rng.normal()
      })
  },
  // Gaussian blobs around k centres spaced evenly on the unit circle.
  blobs: {
    kind: 'multiclass',
    noise: 0.25,
    make: (rng, n, noise, k) =>
      byClass(n, k, 2, (j, _i, _m, out) => {
        const t = (2 * Math.PI * j) / k
        out[0] = Math.cos(t) + noise * rng.normal()
        out[1] = Math.sin(t) + noise * rng.normal()
      })
  },
  sine: {
    kind: 'regression',
    noise: 0.1,
    make: (rng, n, noise) => curve(rng, n, 1, (x) => Math.sin(Math.PI * x), noise)
  },
  cubic: {
    kind: 'regression',
    noise: 0.1,
    make: (rng, n, noise) => curve(rng, n, 1.5, (x) => x * x * x - x, noise)
  }
}

export const syntheticNames = Object.keys(RECIPES) as readonly SyntheticName[]

export function makeSynthetic(name: string, opts: SyntheticOptions = {}): Dataset {
  if (!Object.hasOwn(RECIPES, name)) {
    throw new RangeError(
      `unknown synthetic data set "${name}": choose one of ${syntheticNames.join(', ')}`
    )
  }
  const recipe = RECIPES[name as SyntheticName]
  const { n = 1000, noise = recipe.noise, seed = 0, factor = 0.5 } = opts
  const classes = checkClasses(name, recipe.kind, opts.classes)
  const fewest = recipe.kind === 'regression' ? 1 : classes
  if (!(Number.isInteger(n) && n >= fewest && n <= MAX_SAMPLES)) {
    throw new RangeError(
      `${name}: n must be a whole number from ${fewest} to ${MAX_SAMPLES}, got ${n}`
    )
  }
  if (!(Number.isFinite(noise) && noise >= 0)) {
    throw new RangeError(`${name}: noise must be a finite number ≥ 0, got ${noise}`)
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`${name}: seed must be a whole number, got ${seed}`)
  }
  if (opts.factor !== undefined && name !== 'circles') {
    throw new RangeError(`${name}: factor applies to circles only`)
  }
  if (!(factor > 0 && factor < 1)) {
    throw new RangeError(`circles: factor must lie strictly between 0 and 1, got ${factor}`)
  }

  const rng = new Rng(seed)
  const { x, y } = recipe.make(rng, n, noise, classes, factor)
  const featureShape = [x.length / n]
  if (y instanceof Float32Array) {
    return Dataset.fromFloat32({ name, features: x, featureShape, task: 'regression', labels: y })
  }
  const task = recipe.kind === 'binary' ? 'binary' : 'multiclass'
  const grouped = Dataset.fromFloat32({
    name,
    features: x,
    featureShape,
    task,
    labels: y,
    numClasses: classes
  })
  return grouped.take(rng.permutation(n))
}

export const spiral = (opts?: SyntheticOptions): Dataset => makeSynthetic('spiral', opts)
export const circles = (opts?: SyntheticOptions): Dataset => makeSynthetic('circles', opts)
export const xor = (opts?: SyntheticOptions): Dataset => makeSynthetic('xor', opts)
export const moons = (opts?: SyntheticOptions): Dataset => makeSynthetic('moons', opts)
export const blobs = (opts?: SyntheticOptions): Dataset => makeSynthetic('blobs', opts)
export const sine = (opts?: SyntheticOptions): Dataset => makeSynthetic('sine', opts)
export const cubic = (opts?: SyntheticOptions): Dataset => makeSynthetic('cubic', opts)

function checkClasses(name: string, kind: Kind, classes: number | undefined): number {
  if (kind === 'regression') {
    if (classes !== undefined) {
      throw new RangeError(`${name} is a regression set: classes does not apply`)
    }
    return 0
  }
  if (kind === 'binary') {
    if (classes !== undefined && classes !== 2) {
      throw new RangeError(`${name} has 2 classes, got classes ${classes}`)
    }
    return 2
  }
  const k = classes ?? 3
  if (!(Number.isInteger(k) && k >= 2 && k <= MAX_CLASSES)) {
    throw new RangeError(
      `${name}: classes must be a whole number from 2 to ${MAX_CLASSES}, got ${k}`
    )
  }
  return k
}

/**
 * n points of `width` features grouped by class: class j gets floor(n/k) samples, one more for
 * the first n mod k classes. point(j, i, m, out) writes sample i of m in class j into out.
 */
function byClass(
  n: number,
  k: number,
  width: number,
  point: (j: number, i: number, m: number, out: Float32Array) => void
): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(n * width)
  const y = new Int32Array(n)
  let s = 0
  for (let j = 0; j < k; j++) {
    const m = Math.floor(n / k) + (j < n % k ? 1 : 0)
    for (let i = 0; i < m; i++, s++) {
      point(j, i, m, x.subarray(s * width, (s + 1) * width))
      y[s] = j
    }
  }
  return { x, y }
}

/** n samples of y = f(x) + noise·N(0, 1), x uniform in [-range, range]. */
function curve(
  rng: Rng,
  n: number,
  range: number,
  f: (x: number) => number,
  noise: number
): Points {
  const x = new Float32Array(n)
  const y = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    x[i] = rng.uniform(-range, range)
    y[i] = f(x[i]) + noise * rng.normal()
  }
  return { x, y }
}
