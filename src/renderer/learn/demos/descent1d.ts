/**
 * Gradient descent on a 1D curve with the engine's own SGD (Keras's momentum rule
 * v ← μv − lr·g, x ← x + v): a single weight in a Float32Array, its gradient from autodiff.
 */
import { createOptimizer, type Optimizer } from '../../../engine/optimizers/index'
import { valueAndSlope, type Function1d } from './functions1d'

export interface Descent1dSettings {
  readonly fn: Function1d
  readonly start: number
  readonly learningRate: number
  /** μ in [0, 1): 0 is plain gradient descent. */
  readonly momentum: number
}

/** ready: no step yet; settled: slope and velocity (almost) zero; diverged: flew off or overflowed. */
export type Descent1dStatus = 'ready' | 'moving' | 'settled' | 'diverged'

/** The lecture's three regimes on the two-valley curve, from its default start x = 3. */
export const learningRatePresets = [
  { id: 'tooSmall', label: 'Too small', learningRate: 0.001 },
  { id: 'good', label: 'Good', learningRate: 0.01 },
  { id: 'tooLarge', label: 'Too large', learningRate: 0.3 }
] as const

/** Where the ball starts unless dragged: high on the right, above the shallow valley. */
export const defaultStart = 3

/** Settled once both the slope and the last move are this small. */
const settleTolerance = 1e-3

/** Beyond this many domain widths from the middle of the plot, a run counts as diverged. */
const escapeWidths = 3

export class Descent1d {
  readonly settings: Descent1dSettings
  /** Positions after each step; xs[0] is the start. */
  readonly xs: number[]
  /** f at each position. */
  readonly losses: number[]
  /** f′ at the current position. */
  slope: number
  status: Descent1dStatus = 'ready'
  private readonly optimizer: Optimizer
  private readonly weight: Float32Array
  private readonly gradient = new Float32Array(1)

  constructor(settings: Descent1dSettings) {
    this.settings = settings
    this.optimizer = createOptimizer('sgd', {
      learning_rate: settings.learningRate,
      momentum: settings.momentum
    })
    this.weight = Float32Array.of(settings.start)
    const { value, slope } = valueAndSlope(settings.fn, this.weight[0])
    this.xs = [this.weight[0]]
    this.losses = [value]
    this.slope = slope
  }

  get x(): number {
    return this.xs[this.xs.length - 1]
  }

  get loss(): number {
    return this.losses[this.losses.length - 1]
  }

  get steps(): number {
    return this.xs.length - 1
  }

  /** The last move x_t − x_{t−1}: the momentum slot v itself when μ > 0, −lr·f′ when μ = 0. */
  get velocity(): number {
    return this.steps === 0 ? 0 : this.x - this.xs[this.xs.length - 2]
  }

  get finished(): boolean {
    return this.status === 'settled' || this.status === 'diverged'
  }

  step(): void {
    if (this.finished) return
    this.gradient[0] = this.slope
    this.optimizer.apply([this.weight], [this.gradient])
    const { value, slope } = valueAndSlope(this.settings.fn, this.weight[0])
    this.xs.push(this.weight[0])
    this.losses.push(value)
    this.slope = slope
    this.status = this.diverged()
      ? 'diverged'
      : Math.abs(slope) < settleTolerance && Math.abs(this.velocity) < settleTolerance
        ? 'settled'
        : 'moving'
  }

  /** Steps until settled or diverged, at most maxSteps more. */
  run(maxSteps: number): this {
    for (let i = 0; i < maxSteps && !this.finished; i++) this.step()
    return this
  }

  /** The minimum the run has settled in (within 0.01), or null while it has not settled in one. */
  get minimum(): Function1d['minima'][number] | null {
    if (this.status !== 'settled') return null
    return this.settings.fn.minima.find((m) => Math.abs(m.x - this.x) < 0.01) ?? null
  }

  private diverged(): boolean {
    const [lo, hi] = this.settings.fn.domain
    const reach = (escapeWidths + 0.5) * (hi - lo)
    return !Number.isFinite(this.loss) || Math.abs(this.x - (lo + hi) / 2) > reach
  }
}
