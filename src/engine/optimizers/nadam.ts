/**
 * Nadam — keras.optimizers.Nadam: Adam with Nesterov momentum and Dozat's momentum schedule
 * u_t = β1(1 − ½·0.96^t). The running product Π_t = u_1…u_t is optimizer state (float32, as
 * Keras keeps it), advanced once per step before the variables are updated.
 */
import { betas } from './adam'
import type { OptimizerSpec } from './hyperparameters'
import { BaseOptimizer, type SlotSpec } from './optimizer'
import { rules } from './rules'

type NadamHyperparameters = { beta_1: number; beta_2: number; epsilon: number }

export const nadamSpec: OptimizerSpec<NadamHyperparameters> = {
  name: 'nadam',
  learningRate: {
    default: 0.001,
    description: 'Step size: w ← w − lr·m̂/(√v̂ + ε).',
    pytorchDefault: 0.002
  },
  hyperparameters: {
    ...betas,
    epsilon: {
      default: 1e-7,
      rule: rules.positive,
      description: 'Added to √v̂ in the denominator.',
      pytorchDefault: 1e-8,
      note: 'PyTorch’s NAdam also decays the momentum schedule more slowly: u_t = β1(1 − ½·0.96^(0.004·t)) by default (momentum_decay), Keras uses 0.96^t.'
    }
  }
}

const momentumAt = (beta1: number, t: number) => beta1 * (1 - 0.5 * 0.96 ** t)

export class Nadam extends BaseOptimizer<NadamHyperparameters> {
  // Per-step scalars: u_t, u_{t+1}, Π_t, Π_{t+1}, β2^t.
  private u = 0
  private uNext = 0
  private product = 0
  private productNext = 0
  private beta2Power = 0

  constructor(config: Readonly<Record<string, unknown>> = {}) {
    super(nadamSpec, config)
  }

  protected override slotSpecs(): SlotSpec[] {
    return [
      { name: 'momentum', initial: 0 },
      { name: 'velocity', initial: 0 },
      { name: 'u_product', initial: 1, scalar: true }
    ]
  }

  protected override prepareStep(t: number): void {
    const { beta_1, beta_2 } = this.hyperparameters
    const stored = this.slots.u_product[0]
    this.u = momentumAt(beta_1, t)
    this.uNext = momentumAt(beta_1, t + 1)
    stored[0] *= this.u
    this.product = stored[0]
    this.productNext = this.product * this.uNext
    this.beta2Power = beta_2 ** t
  }

  protected override updateVariable(i: number, w: Float32Array, g: Float32Array, lr: number): void {
    const { beta_1, beta_2, epsilon } = this.hyperparameters
    const m = this.slots.momentum[i]
    const v = this.slots.velocity[i]
    for (let j = 0; j < w.length; j++) {
      m[j] += (g[j] - m[j]) * (1 - beta_1)
      v[j] += (g[j] * g[j] - v[j]) * (1 - beta_2)
      const mHat =
        (this.uNext * m[j]) / (1 - this.productNext) + ((1 - this.u) * g[j]) / (1 - this.product)
      const vHat = v[j] / (1 - this.beta2Power)
      w[j] -= (lr * mHat) / (Math.sqrt(vHat) + epsilon)
    }
  }
}
