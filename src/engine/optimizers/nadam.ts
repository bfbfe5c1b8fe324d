/**
 * Nadam — keras.optimizers.Nadam: Adam with Nesterov momentum and Dozat's momentum schedule
 * u_t = β1(1 − ½·0.96^t). The running product Π_t = u_1…u_t is optimizer state (float32, as
 * Keras keeps it), advanced once per step before the variables are updated.
 */
import { getBackend } from '../backend/index'
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
  // Per-step coefficients: m̂ = mScale·m + gScale·g, v̂ = vScale·v (see prepareStep).
  private mScale = 0
  private gScale = 0
  private vScale = 0
  private readonly oneMinusBeta1 = 1 - this.hyperparameters.beta_1
  private readonly oneMinusBeta2 = 1 - this.hyperparameters.beta_2

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

  /**
   * Advances Π_t = Π_{t−1}·u_t (stored in float32) and sets m̂ = u_{t+1}·m/(1 − Π_{t+1}) +
   * (1 − u_t)·g/(1 − Π_t) and v̂ = v/(1 − β2^t) as coefficients of m, g and v.
   */
  protected override prepareStep(t: number): void {
    const { beta_1, beta_2 } = this.hyperparameters
    const stored = this.slots.u_product[0]
    const u = momentumAt(beta_1, t)
    const uNext = momentumAt(beta_1, t + 1)
    stored[0] *= u
    const product = stored[0]
    this.mScale = uNext / (1 - product * uNext)
    this.gScale = (1 - u) / (1 - product)
    this.vScale = 1 / (1 - beta_2 ** t)
  }

  protected override updateVariable(i: number, w: Float32Array, g: Float32Array, lr: number): void {
    const { momentum: m, velocity: v } = this.slots
    const { oneMinusBeta1: b1, oneMinusBeta2: b2, mScale, gScale, vScale } = this
    const { epsilon } = this.hyperparameters
    getBackend().nadam(w, g, m[i], v[i], lr, b1, b2, epsilon, mScale, gScale, vScale)
  }
}
