/**
 * True SGD (one sample per update), mini-batch SGD and full-batch gradient descent on one
 * problem: the same network, the same initial weights (same seed) and the same optimizer, for
 * the same number of epochs. Only the batch size, and with it the number of updates, differs.
 */
import {
  buildModel,
  makeSynthetic,
  suggestedOutput,
  type Dataset,
  type TrainingLayerSpec,
  type Sequential
} from '../../../engine'
import type { Clock } from './all-weights'

export interface BatchMode {
  label: string
  /** Samples per update; 'all' is full-batch gradient descent. */
  batchSize: number | 'all'
  learningRate: number
}

export const defaultModes: readonly BatchMode[] = [
  { label: 'True SGD', batchSize: 1, learningRate: 0.05 },
  { label: 'Mini-batch', batchSize: 32, learningRate: 0.5 },
  { label: 'Full batch', batchSize: 'all', learningRate: 2 }
]

export interface BatchRaceSpec {
  train: Dataset
  test: Dataset
  /** Hidden layers; none makes it logistic regression (a convex problem). */
  hidden: TrainingLayerSpec[]
  epochs: number
  seed: number
  modes: readonly BatchMode[]
}

/** Updates an epoch makes: ceil(n / batch size), one for full batch. */
export function updatesPerEpoch(samples: number, batchSize: number | 'all'): number {
  return batchSize === 'all' ? 1 : Math.ceil(samples / Math.min(batchSize, samples))
}

/** Two interleaving moons split into training and test samples (a quarter held out). */
export function moonsProblem(
  samples: number,
  noise: number,
  seed: number
): { train: Dataset; test: Dataset } {
  const all = makeSynthetic('moons', { n: samples, noise, seed })
  const split = Math.round(samples * 0.75)
  return { train: all.slice(0, split), test: all.slice(split, samples) }
}

/** One mode's model and everything measured while it trains. */
export class ModeRun {
  readonly batchSize: number
  readonly updatesPerEpoch: number
  /** The loss of each update's batch, in order. */
  readonly updateLoss: number[] = []
  /** Keras's epoch loss: the mean of the epoch's batch losses weighted by batch size. */
  readonly epochLoss: number[] = []
  /** Time spent in the epoch's updates (ms). */
  readonly epochMs: number[] = []
  testAccuracy = NaN
  private readonly model: Sequential
  private started = 0

  constructor(
    readonly mode: BatchMode,
    private readonly spec: BatchRaceSpec,
    private readonly clock: Clock
  ) {
    const { train } = spec
    const output = suggestedOutput(train.task, train.numClasses)
    this.batchSize = mode.batchSize === 'all' ? train.count : mode.batchSize
    this.updatesPerEpoch = updatesPerEpoch(train.count, mode.batchSize)
    this.model = buildModel(
      {
        layers: [
          ...spec.hidden,
          { kind: 'dense', units: output.units, activation: output.activation }
        ],
        loss: output.loss,
        metrics: ['accuracy'],
        optimizer: { name: 'sgd', config: { learning_rate: mode.learningRate } },
        epochs: spec.epochs,
        batchSize: this.batchSize,
        seed: spec.seed
      },
      train
    )
  }

  get updates(): number {
    return this.updateLoss.length
  }

  get epochs(): number {
    return this.epochLoss.length
  }

  async trainEpoch(): Promise<void> {
    const epoch = this.epochs
    let ms = 0
    const history = await this.model.fit(this.spec.train, {
      epochs: epoch + 1,
      initialEpoch: epoch,
      batchSize: this.batchSize,
      callbacks: [
        {
          onBatchBegin: () => (this.started = this.clock()),
          onBatchEnd: (_step, logs) => {
            ms += this.clock() - this.started
            this.updateLoss.push(logs.loss)
          }
        }
      ]
    })
    this.epochLoss.push(history.history.loss[0])
    this.epochMs.push(ms)
    this.testAccuracy = this.model.evaluate(this.spec.test).metrics.accuracy
  }
}

/** The three modes trained side by side, one epoch of each in turn. */
export class BatchRace {
  readonly runs: readonly ModeRun[]

  constructor(
    readonly spec: BatchRaceSpec,
    clock: Clock = () => performance.now()
  ) {
    this.runs = spec.modes.map((mode) => new ModeRun(mode, spec, clock))
  }

  get epochsDone(): number {
    return Math.min(...this.runs.map((r) => r.epochs))
  }

  get done(): boolean {
    return this.epochsDone >= this.spec.epochs
  }

  /** One more epoch of the mode that is furthest behind; false once every mode is done. */
  async step(): Promise<boolean> {
    if (this.done) return false
    const behind = this.runs.find((r) => r.epochs === this.epochsDone)!
    await behind.trainEpoch()
    return true
  }
}
