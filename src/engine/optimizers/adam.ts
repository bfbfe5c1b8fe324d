/**
 * Adam — keras.optimizers.Adam: moving averages m of g and v of g², the bias corrections folded
 * into the step size α = lr·√(1−β2^t)/(1−β1^t); w ← w − α·m/(√v + ε). AMSGrad divides by the
 * running maximum of v instead.
 */
import { getBackend } from '../backend/index'
import type { Hyperparameter, OptimizerSpec } from './hyperparameters'
import { BaseOptimizer, type SlotSpec } from './optimizer'
import { rules } from './rules'

export type AdamHyperparameters = {
  beta_1: number
  beta_2: number
  epsilon: number
  amsgrad: boolean
}

export const betas = {
  beta_1: {
    default: 0.9,
    rule: rules.unitInterval,
    description: 'Decay of the moving average of gradients m (the momentum).'
  },
  beta_2: {
    default: 0.999,
    rule: rules.unitInterval,
    description: 'Decay of the moving average of squared gradients v.'
  }
} satisfies Record<string, Hyperparameter<number>>

export const adamSpec: OptimizerSpec<AdamHyperparameters> = {
  name: 'adam',
  learningRate: { default: 0.001, description: 'Step size α before the bias corrections.' },
  hyperparameters: {
    ...betas,
    epsilon: {
      default: 1e-7,
      rule: rules.positive,
      description: 'Added to √v before the bias correction (Kingma & Ba’s “epsilon hat”).',
      pytorchDefault: 1e-8,
      note: 'PyTorch adds ε to √v̂ after the bias correction, so Keras’s ε equals PyTorch’s ε·√(1−β2^t).'
    },
    amsgrad: {
      default: false,
      rule: rules.flag,
      description: 'AMSGrad: divide by the running maximum of v, so steps never grow back.'
    }
  }
}

export class Adam extends BaseOptimizer<AdamHyperparameters> {
  /** lr·√(1−β2^t)/(1−β1^t) for the current step. */
  private alpha = 0
  private readonly oneMinusBeta1 = 1 - this.hyperparameters.beta_1
  private readonly oneMinusBeta2 = 1 - this.hyperparameters.beta_2

  constructor(
    config: Readonly<Record<string, unknown>> = {},
    spec: OptimizerSpec<AdamHyperparameters> = adamSpec
  ) {
    super(spec, config)
  }

  protected override slotSpecs(): SlotSpec[] {
    return [
      { name: 'momentum', initial: 0 },
      { name: 'velocity', initial: 0 },
      ...(this.hyperparameters.amsgrad ? [{ name: 'velocity_hat', initial: 0 }] : [])
    ]
  }

  protected override prepareStep(t: number, lr: number): void {
    const { beta_1, beta_2 } = this.hyperparameters
    this.alpha = (lr * Math.sqrt(1 - beta_2 ** t)) / (1 - beta_1 ** t)
  }

  protected override updateVariable(i: number, w: Float32Array, g: Float32Array) {
    const { epsilon, amsgrad } = this.hyperparameters
    const { momentum: m, velocity: v } = this.slots
    const vMax = amsgrad ? this.slots.velocity_hat[i] : null
    const { alpha, oneMinusBeta1, oneMinusBeta2 } = this
    getBackend().adam(w, g, m[i], v[i], vMax, alpha, oneMinusBeta1, oneMinusBeta2, epsilon)
  }
}
