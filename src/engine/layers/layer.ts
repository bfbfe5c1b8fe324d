/**
 * The layer contract: a layer is built once for a per-sample input shape (drawing its weights
 * from the model's Rng), then maps a batch [N, ...inputShape] to [N, ...outputShape] with ops,
 * so autodiff differentiates it like any other expression.
 */
import type { Rng } from '../random'
import type { Tensor } from '../tensor'

/** A serialized layer, as Keras writes it: { class_name: 'Dense', config: { units: 512, … } }. */
export interface LayerSpec {
  class_name: string
  config: Record<string, unknown>
}

export interface Weight {
  /** Unique within a model, e.g. "dense_1/kernel". */
  readonly name: string
  readonly tensor: Tensor
  readonly trainable: boolean
}

export interface LayerOptions {
  name?: string
  /** The per-sample input shape, without the batch axis (Keras's input_shape). */
  inputShape?: readonly number[]
}

export abstract class Layer {
  /** Keras's class name, e.g. 'Dense'. */
  abstract readonly className: string
  /** The prefix of default names: 'dense' gives dense, dense_1, … */
  protected abstract readonly namePrefix: string
  private givenName: string | null
  readonly inputShape: readonly number[] | null
  weights: Weight[] = []
  /** Per-sample output shape, known once built. */
  outputShape: readonly number[] | null = null
  private builtFor: readonly number[] | null = null

  constructor(options: LayerOptions = {}) {
    this.givenName = options.name ?? null
    this.inputShape = options.inputShape ? [...options.inputShape] : null
  }

  get name(): string {
    return this.givenName ?? this.namePrefix
  }

  /** Whether the name was chosen by the user or a config rather than defaulted. */
  get hasName(): boolean {
    return this.givenName !== null
  }

  /** Names the layer; weight names follow it, so this must happen before build. */
  rename(name: string): void {
    if (this.builtFor !== null) throw new Error(`layer ${this.name} is built and cannot be renamed`)
    this.givenName = name
  }

  get built(): boolean {
    return this.builtFor !== null
  }

  /** Creates the weights for a per-sample input shape and returns the per-sample output shape. */
  build(inputShape: readonly number[], rng: Rng): readonly number[] {
    if (this.builtFor !== null) {
      if (sameShape(this.builtFor, inputShape)) return this.outputShape!
      throw new Error(
        `layer ${this.name} was built for input ${formatSampleShape(this.builtFor)} ` +
          `and cannot take ${formatSampleShape(inputShape)}`
      )
    }
    this.outputShape = this.create(inputShape, rng)
    this.builtFor = [...inputShape]
    return this.outputShape
  }

  /** Checks the input shape, makes the weights, returns the output shape. */
  protected abstract create(inputShape: readonly number[], rng: Rng): readonly number[]

  /** The layer's output for a batch; `training` turns on dropout-like behaviour. */
  abstract call(x: Tensor, training: boolean): Tensor

  /** The penalty this layer adds to the loss (kernel regularizers), or null. */
  regularizationLoss(): Tensor | null {
    return null
  }

  countParams(): number {
    return this.weights.reduce((n, w) => n + w.tensor.size, 0)
  }

  /** Keras-style config: snake_case keys, the layer's name included. */
  getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: true, ...this.ownConfig() }
  }

  protected abstract ownConfig(): Record<string, unknown>

  toSpec(): LayerSpec {
    return { class_name: this.className, config: this.getConfig() }
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i])
}

/** Keras's notation: (None, 512). */
export function formatSampleShape(shape: readonly number[]): string {
  return `(${['None', ...shape].join(', ')})`
}
