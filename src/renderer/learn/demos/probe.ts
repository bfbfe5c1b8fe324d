/**
 * A network frozen on one batch, for probing its loss weight by weight. Forward and backward
 * passes replay the traced plan fit() trains with, so every loss and gradient shown is the
 * engine's own.
 */
import {
  Dataset,
  Dense,
  Rng,
  Sequential,
  zeroGrads,
  type ActivationName,
  type Tensor
} from '../../../engine'
import { PlanCache, type Plan } from '../../../engine/model/plan'

export interface ProbeSpec {
  /** Units of each Dense layer; the last is the softmax output (one unit per class). */
  units: readonly number[]
  /** The hidden layers' activation. */
  activation: ActivationName
  /** A multiclass data set, used whole as one batch. */
  data: Dataset
  seed: number
}

/** One weight array of the network, e.g. dense/kernel [2, 8]; values is the live buffer. */
export interface ProbedArray {
  readonly name: string
  readonly shape: readonly number[]
  readonly values: Float32Array
}

/** Which weight: an array of the network and a flat index into it (row-major). */
export interface WeightRef {
  array: number
  index: number
}

export class ProbedNetwork {
  readonly arrays: readonly ProbedArray[]
  readonly paramCount: number
  /** Forward passes run so far, those inside a backward pass included. */
  forwardPasses = 0
  backwardPasses = 0
  private readonly plan: Plan
  private readonly params: readonly Tensor[]

  constructor(spec: ProbeSpec) {
    const { data, units } = spec
    if (data.task !== 'multiclass' || units[units.length - 1] !== data.numClasses) {
      throw new Error(`a probed network needs a multiclass data set and one output per class`)
    }
    const model = new Sequential({ inputShape: data.featureShape, seed: spec.seed })
    units.forEach((u, i) => {
      const last = i === units.length - 1
      model.add(new Dense({ units: u, activation: last ? 'softmax' : spec.activation }))
    })
    model.build()
    const weights = model.weights
    this.params = weights.map((w) => w.tensor)
    this.arrays = weights.map((w) => ({
      name: w.name,
      shape: w.tensor.shape,
      values: w.tensor.data
    }))
    this.paramCount = model.countParams()
    const plans = new PlanCache(
      {
        layers: model.layers,
        inputSize: data.featureSize,
        outputDim: model.outputDim,
        rng: new Rng(spec.seed)
      },
      { loss: 'categorical_crossentropy', sparse: false }
    )
    this.plan = plans.get('evaluate', data.count)
    const order = Uint32Array.from({ length: data.count }, (_, i) => i)
    data.fillBatch(order, 0, data.count, this.plan.x.data, this.plan.y!.data, 'onehot')
  }

  /** One forward pass: the mean loss over the batch at the current weights. */
  loss(): number {
    this.plan.tape.forward()
    this.forwardPasses++
    return this.plan.loss!.item()
  }

  /** The loss with one weight set to `value`, the weight restored afterwards. */
  lossWith(ref: WeightRef, value: number): number {
    const values = this.arrays[ref.array].values
    const kept = values[ref.index]
    values[ref.index] = value
    const loss = this.loss()
    values[ref.index] = kept
    return loss
  }

  /** One forward and one backward pass: ∂L/∂w for every weight, shaped like `arrays`. */
  gradients(): Float32Array[] {
    zeroGrads(this.params)
    this.loss()
    this.plan.tape.backward(this.plan.loss!)
    this.backwardPasses++
    return this.params.map((t) => t.grad!.slice())
  }

  weight(ref: WeightRef): number {
    return this.arrays[ref.array].values[ref.index]
  }
}

/** A multiclass set of `count` random "images" of `features` pixels in [0, 1], like MNIST's. */
export function randomImages(
  count: number,
  features: number,
  classes: number,
  seed: number
): Dataset {
  const rng = new Rng(seed)
  const pixels = Uint8Array.from({ length: count * features }, () => rng.int(256))
  const labels = Int32Array.from({ length: count }, () => rng.int(classes))
  return Dataset.fromUint8({
    name: 'random images',
    features: pixels,
    featureShape: [features],
    scale: 1 / 255,
    labels,
    numClasses: classes
  })
}
