/**
 * Traced plans: the forward pass (and loss) recorded once for a batch size, then replayed every
 * step with new values written into the placeholders — no allocation per step. A partial last
 * batch has a plan of its own.
 */
import { trace, type Tape } from '../autodiff'
import { Dense } from '../layers/dense'
import type { Layer } from '../layers/layer'
import { computeLoss, type LossName } from '../losses/index'
import { activation, add } from '../ops/index'
import type { Rng } from '../random'
import { Tensor } from '../tensor'

/** train: dropout on, loss and gradients; evaluate: inference with loss; predict: outputs only. */
export type PlanKind = 'train' | 'evaluate' | 'predict'

export interface Plan {
  readonly batch: number
  /** Placeholder [batch, inputSize]: write a batch of features here. */
  readonly x: Tensor
  /** Placeholder targets, [batch, outDim] one-hot/values or [batch] class indices; null for predict. */
  readonly y: Tensor | null
  /** The model's output, [batch, outDim] (probabilities for a softmax head). */
  readonly output: Tensor
  /** The scalar loss, regularization included; null for predict. */
  readonly loss: Tensor | null
  readonly tape: Tape
}

export interface Network {
  readonly layers: readonly Layer[]
  readonly inputSize: number
  readonly outputDim: number
  /** Dropout masks come from it during training. */
  readonly rng: Rng
}

export interface LossSetup {
  readonly loss: LossName
  /** Targets as class indices (sparse_categorical_crossentropy) or rows of outDim values. */
  readonly sparse: boolean
}

/**
 * Whether the loss is taken from the last layer's logits: a softmax Dense under (sparse)
 * categorical cross-entropy, or a sigmoid Dense under binary cross-entropy — what Keras on
 * TensorFlow does, stable and unclipped.
 */
export function usesLogits(layers: readonly Layer[], loss: LossName): boolean {
  const last = layers[layers.length - 1]
  if (!(last instanceof Dense)) return false
  if (last.activation === 'softmax') {
    return loss === 'categorical_crossentropy' || loss === 'sparse_categorical_crossentropy'
  }
  return last.activation === 'sigmoid' && loss === 'binary_crossentropy'
}

/**
 * Plans kept at most: a training run needs two (full and partial batch) plus two for validation;
 * beyond that, predictions of ever new row counts must not pile up buffers.
 */
const MAX_PLANS = 12

/** Traced plans by kind and batch size, the least recently used dropped first. */
export class PlanCache {
  private readonly plans = new Map<string, Plan>()

  constructor(
    private readonly net: Network,
    private readonly setup: LossSetup | null
  ) {}

  get(kind: PlanKind, batch: number): Plan {
    const key = `${kind}:${batch}`
    const plan = this.plans.get(key) ?? this.record(kind, batch)
    // Re-inserting moves the key to the end of the Map's order: the oldest comes first.
    this.plans.delete(key)
    this.plans.set(key, plan)
    if (this.plans.size > MAX_PLANS) this.plans.delete(this.plans.keys().next().value!)
    return plan
  }

  private record(kind: PlanKind, batch: number): Plan {
    const { layers, inputSize, outputDim, rng } = this.net
    const setup = kind === 'predict' ? null : this.setup
    if (kind !== 'predict' && setup === null) throw new Error('compile the model first')
    const x = Tensor.zeros([batch, inputSize])
    const y = setup ? Tensor.zeros(setup.sparse ? [batch] : [batch, outputDim]) : null
    const training = kind === 'train'
    // Recording runs every op once, dropout draws included; restoring the Rng afterwards keeps
    // the stream of draws the same whether or not a plan had to be recorded (exact resumes).
    const rngState = rng.getState()
    const { tape, result } = trace(() => {
      const logits = setup !== null && usesLogits(layers, setup.loss)
      let h = x
      for (let i = 0; i < layers.length - 1; i++) h = layers[i].call(h, training)
      const last = layers[layers.length - 1]
      if (!logits) {
        const output = last.call(h, training)
        return { output, loss: setup && withPenalties(computeLoss(setup.loss, output, y!), layers) }
      }
      const dense = last as Dense
      const z = dense.preActivation(h)
      const output = activation(dense.activation, z)
      return { output, loss: withPenalties(computeLoss(setup.loss, z, y!, true), layers) }
    })
    rng.setState(rngState)
    return { batch, x, y, output: result.output, loss: result.loss, tape }
  }
}

/** The data loss plus every layer's regularization penalty, as Keras adds them. */
function withPenalties(loss: Tensor, layers: readonly Layer[]): Tensor {
  let total = loss
  for (const layer of layers) {
    const penalty = layer.regularizationLoss()
    if (penalty) total = add(total, penalty)
  }
  return total
}
