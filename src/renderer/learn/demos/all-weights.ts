/**
 * Nudging every weight against one backward pass: the naive way needs two forward passes per
 * weight, 2·P for P weights, where backpropagation gets all P gradients from one forward and one
 * backward pass. Both are timed live; the nudging runs in slices so the page stays responsive.
 */
import { ProbedNetwork, randomImages, type WeightRef } from './probe'

export type Clock = () => number

const wallClock: Clock = () => performance.now()

/** Networks to race, from one the eye can follow to one the size of an MNIST model's first layers. */
export const raceNetworks = [
  { key: 'tiny', label: '16-8-4', features: 16, units: [8, 4] },
  { key: 'small', label: '64-32-10', features: 64, units: [32, 10] },
  { key: 'mnist', label: '784-64-10', features: 784, units: [64, 10] }
] as const

export type RaceNetworkKey = (typeof raceNetworks)[number]['key']

/** Weights of Dense layers of these units on `features` inputs: a kernel and a bias each. */
export function denseParams(features: number, units: readonly number[]): number {
  let inputs = features
  let total = 0
  for (const u of units) {
    total += inputs * u + u
    inputs = u
  }
  return total
}

/** Samples in the batch every pass runs on. */
export const RACE_BATCH = 16

export function raceNetwork(key: RaceNetworkKey, seed = 3): ProbedNetwork {
  const net = raceNetworks.find((n) => n.key === key)
  if (!net) throw new RangeError(`unknown race network "${key}"`)
  const classes = net.units[net.units.length - 1]
  return new ProbedNetwork({
    units: net.units,
    activation: 'tanh',
    data: randomImages(RACE_BATCH, net.features, classes, seed),
    seed
  })
}

export class AllWeightsRace {
  /** Two forward passes per weight. */
  readonly totalPasses: number
  passes = 0
  nudgeMs = 0
  backpropMs = 0
  backpropRuns = 0
  /** The largest |nudged slope − backpropagated gradient| over the weights nudged so far. */
  largestDifference = 0
  private readonly exact: Float32Array[]
  private cursor: WeightRef = { array: 0, index: 0 }

  constructor(
    private readonly net: ProbedNetwork,
    private readonly epsilon: number,
    private readonly clock: Clock = wallClock
  ) {
    this.totalPasses = 2 * net.paramCount
    this.exact = net.gradients()
  }

  get done(): boolean {
    return this.passes >= this.totalPasses
  }

  /** Mean time of one forward + backward pass. */
  get backpropMean(): number {
    return this.backpropRuns === 0 ? NaN : this.backpropMs / this.backpropRuns
  }

  /** The time all 2·P forward passes take: measured when done, extrapolated until then. */
  get projectedNudgeMs(): number {
    return this.passes === 0 ? NaN : (this.nudgeMs / this.passes) * this.totalPasses
  }

  /** How many times longer nudging every weight takes than one backward pass. */
  get ratio(): number {
    return this.projectedNudgeMs / this.backpropMean
  }

  /** Repeats forward + backward passes for about `budgetMs` (at least once) and keeps their time. */
  measureBackprop(budgetMs: number): void {
    const start = this.clock()
    do {
      const t0 = this.clock()
      this.net.gradients()
      this.backpropMs += this.clock() - t0
      this.backpropRuns++
    } while (this.clock() - start < budgetMs)
  }

  /** Nudges weights for about `budgetMs` (at least one); true once every weight has been nudged. */
  run(budgetMs: number): boolean {
    const start = this.clock()
    while (!this.done) {
      this.nudgeNext()
      if (this.clock() - start >= budgetMs) break
    }
    this.nudgeMs += this.clock() - start
    return this.done
  }

  private nudgeNext(): void {
    const ref = this.cursor
    const w = this.net.weight(ref)
    const up = Math.fround(w + this.epsilon)
    const down = Math.fround(w - this.epsilon)
    const slope = (this.net.lossWith(ref, up) - this.net.lossWith(ref, down)) / (up - down)
    this.passes += 2
    const difference = Math.abs(slope - this.exact[ref.array][ref.index])
    this.largestDifference = Math.max(this.largestDifference, difference)
    const array = this.net.arrays[ref.array]
    this.cursor =
      ref.index + 1 < array.values.length
        ? { array: ref.array, index: ref.index + 1 }
        : { array: ref.array + 1, index: 0 }
  }
}
