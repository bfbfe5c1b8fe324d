/**
 * One table runs every optimizer (optax / Keras style): Keras's one-step fixtures, a 5-step golden
 * run against an independent float64 re-implementation, and convergence on a parabola and on
 * Rosenbrock's function.
 *
 * Tolerance of the golden runs: the engine stores weights and slots in float32 after every step
 * (relative rounding 6e-8 each time) while the reference stays in float64. The largest gap seen
 * over these runs is 2e-7 · max(1, |reference|); we allow 1e-6 · max(1, |reference|).
 */
import { describe, expect, it } from 'vitest'
import { createOptimizer, optimizerNames } from '../../../src/engine/optimizers'
import { kerasDefaults, ReferenceOptimizer, type ReferenceOptions } from './float64-reference'

/** Keras's own tests: w = [1, 2, 3, 4], g = [1, 6, 7, 2], lr = 0.5, one step. */
const kerasOneStep: Record<string, number[]> = {
  sgd: [0.5, -1, -0.5, 3],
  adam: [0.5, 1.5, 2.5, 3.5],
  rmsprop: [-0.5811, 0.4189, 1.4189, 2.4189],
  adagrad: [0.5233, 1.5007, 2.5005, 3.5061],
  nadam: [0.4686, 1.4686, 2.4686, 3.4686],
  adadelta: [0.9993, 1.9993, 2.9993, 3.9993],
  adamw: [0.498, 1.496, 2.494, 3.492]
}

describe('Keras one-step fixtures', () => {
  it('cover every registered optimizer', () => {
    expect(Object.keys(kerasOneStep).sort()).toEqual([...optimizerNames].sort())
  })

  it.each(Object.entries(kerasOneStep))('%s', (name, expected) => {
    const w = new Float32Array([1, 2, 3, 4])
    createOptimizer(name, { learning_rate: 0.5 }).apply([w], [new Float32Array([1, 6, 7, 2])])
    expected.forEach((e, j) => expect(w[j]).toBeCloseTo(e, 4))
  })
})

describe('Keras defaults', () => {
  it.each(optimizerNames)('%s', (name) => {
    expect(createOptimizer(name).getConfig()).toMatchObject(kerasDefaults[name])
  })
})

interface GoldenRow {
  label: string
  name: string
  options: ReferenceOptions
  /** Overrides for the engine's config when it differs in form from the reference's options. */
  config?: Record<string, unknown>
  lrAt?: (iterations: number) => number
}

const golden: GoldenRow[] = [
  { label: 'SGD', name: 'sgd', options: { learning_rate: 0.1 } },
  { label: 'SGD momentum', name: 'sgd', options: { learning_rate: 0.1, momentum: 0.9 } },
  {
    label: 'SGD Nesterov',
    name: 'sgd',
    options: { learning_rate: 0.1, momentum: 0.9, nesterov: true }
  },
  { label: 'RMSprop', name: 'rmsprop', options: { learning_rate: 0.1 } },
  { label: 'RMSprop centered', name: 'rmsprop', options: { learning_rate: 0.1, centered: true } },
  { label: 'RMSprop momentum', name: 'rmsprop', options: { learning_rate: 0.1, momentum: 0.5 } },
  {
    label: 'RMSprop centered with momentum',
    name: 'rmsprop',
    options: { learning_rate: 0.05, centered: true, momentum: 0.7, rho: 0.8 }
  },
  { label: 'Adagrad', name: 'adagrad', options: { learning_rate: 0.1 } },
  { label: 'Adam', name: 'adam', options: { learning_rate: 0.1 } },
  // β2 = 0.9 lets v fall (after the zero gradient at step 3), so the running max matters.
  {
    label: 'Adam AMSGrad',
    name: 'adam',
    options: { learning_rate: 0.1, amsgrad: true, beta_2: 0.9 }
  },
  { label: 'AdamW', name: 'adamw', options: { learning_rate: 0.1, weight_decay: 0.1 } },
  { label: 'Nadam', name: 'nadam', options: { learning_rate: 0.1 } },
  { label: 'Adadelta', name: 'adadelta', options: { learning_rate: 1 } },
  // The shared pipeline around the update rules.
  { label: 'Adam, clipnorm', name: 'adam', options: { learning_rate: 0.1, clipnorm: 1 } },
  {
    label: 'SGD momentum, global_clipnorm',
    name: 'sgd',
    options: { learning_rate: 0.1, momentum: 0.9, global_clipnorm: 1.5 }
  },
  { label: 'RMSprop, clipvalue', name: 'rmsprop', options: { learning_rate: 0.1, clipvalue: 0.5 } },
  {
    label: 'Nadam, weight decay',
    name: 'nadam',
    options: { learning_rate: 0.1, weight_decay: 0.05 }
  },
  {
    label: 'Adagrad on an ExponentialDecay schedule',
    name: 'adagrad',
    options: { weight_decay: 0.1 },
    config: {
      learning_rate: {
        class_name: 'ExponentialDecay',
        config: { initial_learning_rate: 0.5, decay_steps: 2, decay_rate: 0.5 }
      }
    },
    lrAt: (k) => 0.5 * Math.pow(0.5, k / 2)
  }
]

const initialParams = () => [
  [1, 2, 3, 4],
  [-0.5, 0.25, 0.75]
]

/** Varying in sign and size from step to step, with one exact zero (step 3, element 0). */
const gradientsAt = (k: number) =>
  initialParams().map((w, i) =>
    w.map((_, j) =>
      k === 2 && j === 0
        ? 0
        : Math.fround(2 * (i + 1) * Math.sin(1.7 + 0.9 * k + 1.3 * j + 2.9 * i))
    )
  )

function referenceRun(row: GoldenRow, steps: number): number[][][] {
  const reference = new ReferenceOptimizer(row.name, row.options, row.lrAt)
  const params = initialParams()
  const trajectory = []
  for (let k = 0; k < steps; k++) {
    reference.step(params, gradientsAt(k))
    trajectory.push(params.map((w) => [...w]))
  }
  return trajectory
}

describe('5-step golden runs against a float64 re-implementation', () => {
  it.each(golden.map((row) => [row.label, row] as const))('%s', (_, row) => {
    const optimizer = createOptimizer(row.name, { ...row.options, ...row.config })
    const params = initialParams().map((w) => new Float32Array(w))
    const expected = referenceRun(row, 5)
    for (let k = 0; k < 5; k++) {
      optimizer.apply(
        params,
        gradientsAt(k).map((g) => new Float32Array(g))
      )
      params.forEach((w, i) =>
        w.forEach((actual, j) => {
          const e = expected[k][i][j]
          expect(Math.abs(actual - e), `step ${k + 1}, w[${i}][${j}]`).toBeLessThanOrEqual(
            1e-6 * Math.max(1, Math.abs(e))
          )
        })
      )
    }
    expect(optimizer.iterations).toBe(5)
  })

  it('the AMSGrad row exercises the running max (with and without it the runs differ)', () => {
    const amsgrad = golden.find((row) => row.label === 'Adam AMSGrad')!
    const plain = { ...amsgrad, options: { ...amsgrad.options, amsgrad: false } }
    const gap = Math.abs(referenceRun(amsgrad, 5)[4][0][0] - referenceRun(plain, 5)[4][0][0])
    expect(gap).toBeGreaterThan(1e-3)
  })
})

type Problem = (w: Float32Array, g: Float32Array) => void

/** ½(w0 − 3)² + 2(w1 + 2)²: minimum at (3, −2), curvatures 1 and 4. */
const parabola: Problem = (w, g) => {
  g[0] = w[0] - 3
  g[1] = 4 * (w[1] + 2)
}

/** (1 − x)² + 100(y − x²)²: a curved, flat-bottomed valley with its minimum at (1, 1). */
const rosenbrock: Problem = (w, g) => {
  const [x, y] = w
  g[0] = -2 * (1 - x) - 400 * x * (y - x * x)
  g[1] = 200 * (y - x * x)
}

interface ConvergenceRow {
  label: string
  name: string
  parabola: [config: Record<string, unknown>, steps: number]
  rosenbrock: [config: Record<string, unknown>, steps: number]
}

const cosineFromOne = (steps: number) => ({
  class_name: 'CosineDecay',
  config: { initial_learning_rate: 1, decay_steps: steps }
})

const convergence: ConvergenceRow[] = [
  {
    label: 'SGD',
    name: 'sgd',
    parabola: [{ learning_rate: 0.1 }, 500],
    rosenbrock: [{ learning_rate: 1e-3 }, 30000]
  },
  {
    label: 'SGD momentum',
    name: 'sgd',
    parabola: [{ learning_rate: 0.05, momentum: 0.9 }, 500],
    rosenbrock: [{ learning_rate: 1e-3, momentum: 0.9 }, 10000]
  },
  {
    label: 'SGD Nesterov',
    name: 'sgd',
    parabola: [{ learning_rate: 0.05, momentum: 0.9, nesterov: true }, 500],
    rosenbrock: [{ learning_rate: 1e-3, momentum: 0.9, nesterov: true }, 10000]
  },
  {
    label: 'RMSprop',
    name: 'rmsprop',
    parabola: [{ learning_rate: 0.01 }, 2000],
    rosenbrock: [{ learning_rate: 1e-3 }, 10000]
  },
  {
    label: 'RMSprop centered',
    name: 'rmsprop',
    parabola: [{ learning_rate: 0.01, centered: true }, 2000],
    rosenbrock: [{ learning_rate: 1e-3, centered: true }, 10000]
  },
  {
    label: 'RMSprop momentum',
    name: 'rmsprop',
    parabola: [{ learning_rate: 0.01, momentum: 0.5 }, 2000],
    rosenbrock: [{ learning_rate: 1e-3, momentum: 0.5 }, 10000]
  },
  {
    label: 'Adagrad',
    name: 'adagrad',
    parabola: [{ learning_rate: 0.5 }, 2000],
    rosenbrock: [{ learning_rate: 0.5 }, 10000]
  },
  {
    label: 'Adam',
    name: 'adam',
    parabola: [{ learning_rate: 0.05 }, 2000],
    rosenbrock: [{ learning_rate: 0.02 }, 10000]
  },
  {
    label: 'Adam AMSGrad',
    name: 'adam',
    parabola: [{ learning_rate: 0.05, amsgrad: true }, 2000],
    rosenbrock: [{ learning_rate: 0.02, amsgrad: true }, 10000]
  },
  {
    // Decoupled decay pulls the fixed point towards 0, so a small decay keeps it near the minimum.
    label: 'AdamW',
    name: 'adamw',
    parabola: [{ learning_rate: 0.05, weight_decay: 1e-4 }, 2000],
    rosenbrock: [{ learning_rate: 0.02, weight_decay: 1e-4 }, 10000]
  },
  {
    label: 'Nadam',
    name: 'nadam',
    parabola: [{ learning_rate: 0.05 }, 2000],
    rosenbrock: [{ learning_rate: 5e-3 }, 10000]
  },
  {
    // With a constant lr 1.0 Adadelta reaches Rosenbrock's valley floor and then wanders along it
    // (in float64 too); decaying the rate from 1.0 to 0 settles it at the minimum.
    label: 'Adadelta',
    name: 'adadelta',
    parabola: [{ learning_rate: 1 }, 10000],
    rosenbrock: [{ learning_rate: cosineFromOne(20000) }, 20000]
  }
]

function minimise(problem: Problem, start: number[], name: string, config: object, steps: number) {
  const optimizer = createOptimizer(name, config as Record<string, unknown>)
  const w = new Float32Array(start)
  const g = new Float32Array(2)
  for (let k = 0; k < steps; k++) {
    problem(w, g)
    optimizer.apply([w], [g])
  }
  return w
}

describe('convergence', () => {
  it('every optimizer has a row', () => {
    expect(new Set(convergence.map((row) => row.name))).toEqual(new Set(optimizerNames))
  })

  it.each(convergence.map((row) => [row.label, row] as const))('%s on a parabola', (_, row) => {
    const [config, steps] = row.parabola
    const [x, y] = minimise(parabola, [0, 0], row.name, config, steps)
    expect(Math.abs(x - 3)).toBeLessThan(1e-3)
    expect(Math.abs(y + 2)).toBeLessThan(1e-3)
  })

  it.each(convergence.map((row) => [row.label, row] as const))('%s on Rosenbrock', (_, row) => {
    const [config, steps] = row.rosenbrock
    const [x, y] = minimise(rosenbrock, [-1.2, 1], row.name, config, steps)
    expect(Math.abs(x - 1)).toBeLessThan(1e-2)
    expect(Math.abs(y - 1)).toBeLessThan(1e-2)
  })
})
