import { resolveInitializer, type Initializer, type InitializerConfig } from '../initializers'
import { activation, add, biasActivation, matmul, type ActivationName } from '../ops/index'
import type { Rng } from '../random'
import { Tensor } from '../tensor'
import { toActivationName } from './activation-name'
import {
  isRecord,
  optionalBoolean,
  optionalInputShape,
  optionalString,
  positiveInt,
  type Config
} from './config'
import { formatSampleShape, Layer, type LayerOptions, type Weight } from './layer'
import {
  penalty,
  regularizerSpec,
  resolveRegularizer,
  type L1L2,
  type RegularizerConfig
} from './regularizer'

export interface DenseOptions extends LayerOptions {
  units: number
  activation?: ActivationName
  useBias?: boolean
  kernelInitializer?: InitializerConfig
  biasInitializer?: InitializerConfig
  kernelRegularizer?: RegularizerConfig | null
}

/** output = activation(x·W + b), with kernel W [in, out] and bias b [out] (Keras's layout). */
export class Dense extends Layer {
  readonly className = 'Dense'
  protected readonly namePrefix = 'dense'
  readonly units: number
  readonly activation: ActivationName
  readonly useBias: boolean
  readonly kernelInitializer: Initializer
  readonly biasInitializer: Initializer
  readonly kernelRegularizer: L1L2 | null
  private kernelTensor: Tensor | null = null
  private biasTensor: Tensor | null = null

  constructor(options: DenseOptions) {
    super(options)
    if (!Number.isInteger(options.units) || options.units < 1) {
      throw new Error(`Dense: units must be a positive integer, got ${options.units}`)
    }
    this.units = options.units
    this.activation = toActivationName(options.activation)
    this.useBias = options.useBias ?? true
    this.kernelInitializer = resolveInitializer(options.kernelInitializer ?? 'glorot_uniform')
    this.biasInitializer = resolveInitializer(options.biasInitializer ?? 'zeros')
    this.kernelRegularizer = resolveRegularizer(options.kernelRegularizer)
  }

  get kernel(): Tensor {
    return this.required(this.kernelTensor)
  }

  /** The bias, or null when use_bias is false. */
  get bias(): Tensor | null {
    this.required(this.kernelTensor)
    return this.biasTensor
  }

  protected create(inputShape: readonly number[], rng: Rng): readonly number[] {
    if (inputShape.length !== 1) {
      throw new Error(
        `${this.name}: Dense takes flat samples, (None, features), but got ${formatSampleShape(inputShape)}`
      )
    }
    this.kernelTensor = this.makeWeight(
      'kernel',
      [inputShape[0], this.units],
      this.kernelInitializer,
      rng
    )
    this.biasTensor = this.useBias
      ? this.makeWeight('bias', [this.units], this.biasInitializer, rng)
      : null
    return [this.units]
  }

  private makeWeight(label: string, shape: number[], init: Initializer, rng: Rng): Tensor {
    const t = Tensor.zeros(shape, true)
    init.fill(t.data, shape, rng)
    const weight: Weight = { name: `${this.name}/${label}`, tensor: t, trainable: true }
    this.weights.push(weight)
    return t
  }

  /** x·W + b: the logits a fused softmax/sigmoid cross-entropy starts from. */
  preActivation(x: Tensor): Tensor {
    const z = matmul(this.checkedInput(x), this.kernel)
    return this.biasTensor ? add(z, this.biasTensor) : z
  }

  /** One node for bias and activation after the product (softmax needs whole rows: its own op). */
  call(x: Tensor): Tensor {
    if (this.activation === 'softmax') return activation('softmax', this.preActivation(x))
    return biasActivation(
      matmul(this.checkedInput(x), this.kernel),
      this.biasTensor,
      this.activation
    )
  }

  private checkedInput(x: Tensor): Tensor {
    const kernel = this.kernel
    if (x.shape.length !== 2 || x.shape[1] !== kernel.shape[0]) {
      throw new Error(
        `${this.name}: expected input (None, ${kernel.shape[0]}), got [${x.shape.join(', ')}]`
      )
    }
    return x
  }

  override regularizationLoss(): Tensor | null {
    return this.kernelRegularizer ? penalty(this.kernelRegularizer, this.kernel) : null
  }

  protected ownConfig(): Record<string, unknown> {
    return {
      units: this.units,
      activation: this.activation,
      use_bias: this.useBias,
      kernel_initializer: this.kernelInitializer.getConfig(),
      bias_initializer: this.biasInitializer.getConfig(),
      kernel_regularizer: this.kernelRegularizer ? regularizerSpec(this.kernelRegularizer) : null
    }
  }

  static fromConfig(config: Config): Dense {
    const initializer = (key: string): InitializerConfig | undefined => {
      const v = config[key]
      if (v === undefined || v === null) return undefined
      if (typeof v === 'string') return v
      if (isRecord(v) && typeof v.class_name === 'string') {
        return { class_name: v.class_name, config: isRecord(v.config) ? v.config : {} }
      }
      throw new Error(
        `Dense: ${key} must be a name or { class_name, config }, got ${JSON.stringify(v)}`
      )
    }
    const regularizer = config.kernel_regularizer
    if (
      regularizer !== undefined &&
      regularizer !== null &&
      typeof regularizer !== 'string' &&
      !isRecord(regularizer)
    ) {
      throw new Error(
        `Dense: kernel_regularizer must be { l1, l2 } or a Keras spec, got ${JSON.stringify(regularizer)}`
      )
    }
    return new Dense({
      name: optionalString(config, 'name', 'Dense'),
      inputShape: optionalInputShape(config, 'Dense'),
      units: positiveInt(config, 'units', 'Dense'),
      activation: toActivationName(config.activation),
      useBias: optionalBoolean(config, 'use_bias', 'Dense'),
      kernelInitializer: initializer('kernel_initializer'),
      biasInitializer: initializer('bias_initializer'),
      kernelRegularizer: regularizer as RegularizerConfig | null | undefined
    })
  }

  private required(t: Tensor | null): Tensor {
    if (t === null) throw new Error(`${this.name} is not built yet`)
    return t
  }
}
