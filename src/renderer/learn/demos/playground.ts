/**
 * The 2D classification playground: a generated data set split into training and test points, a
 * network built from the user's hidden layers with the output and loss the task suggests, and any
 * of the engine's optimizers, trained an epoch at a time so the page can draw in between.
 */
import {
  buildModel,
  makeSynthetic,
  suggestedOutput,
  type ActivationName,
  type Dataset,
  type Sequential,
  type TrainingSpec
} from '../../../engine'
import type { ClassPoints } from '../heatmap'
import type { Clock } from './all-weights'

export const playgroundSets = ['spiral', 'circles', 'xor', 'moons'] as const
export type PlaygroundSet = (typeof playgroundSets)[number]

export interface HiddenLayer {
  units: number
  activation: ActivationName
}

export interface PlaygroundSpec {
  dataset: PlaygroundSet
  samples: number
  noise: number
  /** The share of the samples held out as test points. */
  testFraction: number
  hidden: HiddenLayer[]
  /** A Keras optimizer name (createOptimizer's). */
  optimizer: string
  learningRate: number
  batchSize: number
  seed: number
}

/** Noise that leaves each set's shape clear (a little below the engine's own defaults). */
export const defaultNoise: Readonly<Record<PlaygroundSet, number>> = {
  spiral: 0.1,
  circles: 0.05,
  xor: 0.05,
  moons: 0.1
}

/**
 * A learning rate per optimizer that trains these small networks in tens of epochs. Keras's
 * defaults are tuned for big models: Adadelta's 0.001, for one, barely moves here.
 */
export const suggestedRates: Readonly<Record<string, number>> = {
  sgd: 0.1,
  rmsprop: 0.01,
  adagrad: 0.1,
  adam: 0.01,
  adamw: 0.01,
  nadam: 0.01,
  adadelta: 1
}

export const defaultPlayground: PlaygroundSpec = {
  dataset: 'spiral',
  samples: 400,
  noise: defaultNoise.spiral,
  testFraction: 0.25,
  hidden: [
    { units: 16, activation: 'tanh' },
    { units: 16, activation: 'tanh' }
  ],
  optimizer: 'adam',
  learningRate: suggestedRates.adam,
  batchSize: 16,
  seed: 1
}

export interface PlaygroundHistory {
  loss: number[]
  testLoss: number[]
  accuracy: number[]
  testAccuracy: number[]
}

function pointsOf(data: Dataset): ClassPoints {
  const xy = new Float32Array(data.count * 2)
  const labels = new Int32Array(data.count)
  for (let i = 0; i < data.count; i++) {
    xy.set(data.sampleFeatures(i), 2 * i)
    labels[i] = data.labelOf(i)
  }
  return { xy, labels }
}

/** The model's outputs as class probabilities, [n, k]: a sigmoid's p becomes (1 − p, p). */
export function classProbabilities(output: Float32Array, outputDim: number): Float32Array {
  if (outputDim > 1) return output
  const probs = new Float32Array(output.length * 2)
  output.forEach((p, i) => {
    probs[2 * i] = 1 - p
    probs[2 * i + 1] = p
  })
  return probs
}

export class Playground {
  readonly train: Dataset
  readonly test: Dataset
  readonly trainingSpec: TrainingSpec
  readonly history: PlaygroundHistory = { loss: [], testLoss: [], accuracy: [], testAccuracy: [] }
  readonly trainPoints: ClassPoints
  readonly testPoints: ClassPoints
  private readonly model: Sequential

  constructor(readonly spec: PlaygroundSpec) {
    const all = makeSynthetic(spec.dataset, { n: spec.samples, noise: spec.noise, seed: spec.seed })
    const { train, validation } = all.splitValidation(spec.testFraction)
    this.train = train
    this.test = validation
    this.trainPoints = pointsOf(train)
    this.testPoints = pointsOf(validation)
    const output = suggestedOutput(all.task, all.numClasses)
    this.trainingSpec = {
      layers: [
        ...spec.hidden.map((h) => ({ kind: 'dense' as const, ...h })),
        { kind: 'dense', units: output.units, activation: output.activation }
      ],
      loss: output.loss,
      metrics: ['accuracy'],
      optimizer: { name: spec.optimizer, config: { learning_rate: spec.learningRate } },
      epochs: 1,
      batchSize: spec.batchSize,
      seed: spec.seed
    }
    this.model = buildModel(this.trainingSpec, all)
  }

  /** Classes the heatmap colours: 2 for the binary sets. */
  get classes(): number {
    return this.train.numClasses
  }

  get epoch(): number {
    return this.history.loss.length
  }

  /** One epoch of training, then the test split evaluated. */
  async trainEpoch(): Promise<void> {
    const epoch = this.epoch
    const { history } = await this.model.fit(this.train, {
      epochs: epoch + 1,
      initialEpoch: epoch,
      batchSize: this.spec.batchSize,
      validationData: this.test
    })
    this.history.loss.push(history.loss[0])
    this.history.testLoss.push(history.val_loss[0])
    this.history.accuracy.push(history.accuracy[0])
    this.history.testAccuracy.push(history.val_accuracy[0])
  }

  /** Epochs until about `budgetMs` have passed (at least one); resolves with how many ran. */
  async trainFor(budgetMs: number, clock: Clock = () => performance.now()): Promise<number> {
    const start = clock()
    let epochs = 0
    do {
      await this.trainEpoch()
      epochs++
    } while (clock() - start < budgetMs)
    return epochs
  }

  /** Class probabilities, [n, classes], at n points given as [n, 2]. */
  probabilities(points: Float32Array): Float32Array {
    return classProbabilities(this.model.predict(points, { batchSize: 256 }), this.model.outputDim)
  }
}
