/**
 * RMSprop — keras.optimizers.RMSprop: s ← ρs + (1−ρ)g²; w ← w − lr·g/√(s + ε), optionally
 * centered (s − ḡ² in the root) and with plain momentum on the increment.
 */
import { getBackend } from '../backend/index'
import type { OptimizerSpec } from './hyperparameters'
import { BaseOptimizer, type SlotSpec } from './optimizer'
import { rules } from './rules'

type RmspropHyperparameters = { rho: number; momentum: number; epsilon: number; centered: boolean }

export const rmspropSpec: OptimizerSpec<RmspropHyperparameters> = {
  name: 'rmsprop',
  learningRate: {
    default: 0.001,
    description: 'Step size before the per-element scaling 1/√(s + ε).',
    pytorchDefault: 0.01
  },
  hyperparameters: {
    rho: {
      default: 0.9,
      rule: rules.unitInterval,
      description: 'Decay of the moving average of squared gradients s.',
      pytorchDefault: 0.99,
      note: 'PyTorch calls it alpha.'
    },
    momentum: {
      default: 0,
      rule: rules.unitInterval,
      description: 'Momentum on the scaled increment: m ← μm + lr·g/√D; w ← w − m.'
    },
    epsilon: {
      default: 1e-7,
      rule: rules.positive,
      description: 'Added inside the root, √(s + ε), to keep the division finite.',
      pytorchDefault: 1e-8,
      note: 'PyTorch adds ε outside the root: √s + ε.'
    },
    centered: {
      default: false,
      rule: rules.flag,
      description: 'Divide by the estimated variance s − ḡ² instead of the raw second moment s.'
    }
  }
}

export class RMSprop extends BaseOptimizer<RmspropHyperparameters> {
  private readonly oneMinusRho = 1 - this.hyperparameters.rho

  constructor(config: Readonly<Record<string, unknown>> = {}) {
    super(rmspropSpec, config)
  }

  protected override slotSpecs(): SlotSpec[] {
    const { momentum, centered } = this.hyperparameters
    return [
      { name: 'velocity', initial: 0 },
      ...(momentum > 0 ? [{ name: 'momentum', initial: 0 }] : []),
      ...(centered ? [{ name: 'average_gradient', initial: 0 }] : [])
    ]
  }

  protected override updateVariable(i: number, w: Float32Array, g: Float32Array, lr: number) {
    const { rho, momentum, epsilon, centered } = this.hyperparameters
    const m = momentum > 0 ? this.slots.momentum[i] : null
    const gBar = centered ? this.slots.average_gradient[i] : null
    const s = this.slots.velocity[i]
    getBackend().rmsprop(w, g, s, m, gBar, lr, rho, this.oneMinusRho, momentum, epsilon)
  }
}
