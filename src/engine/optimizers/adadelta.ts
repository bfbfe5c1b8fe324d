/**
 * Adadelta — keras.optimizers.Adadelta: the step is scaled by the ratio of two running RMS
 * values, of past updates and of gradients, so its units match w's; lr 1.0 is Zeiler's method.
 */
import { getBackend } from '../backend/index'
import type { OptimizerSpec } from './hyperparameters'
import { BaseOptimizer, type SlotSpec } from './optimizer'
import { rules } from './rules'

type AdadeltaHyperparameters = { rho: number; epsilon: number }

export const adadeltaSpec: OptimizerSpec<AdadeltaHyperparameters> = {
  name: 'adadelta',
  learningRate: {
    default: 0.001,
    description: 'Multiplies the Adadelta step; 1.0 gives the method of Zeiler’s paper.',
    pytorchDefault: 1
  },
  hyperparameters: {
    rho: {
      default: 0.95,
      rule: rules.unitInterval,
      description: 'Decay of both running averages (of g² and of squared updates).',
      pytorchDefault: 0.9
    },
    epsilon: {
      default: 1e-7,
      rule: rules.positive,
      description: 'Added inside both roots; it also sets the size of the very first steps.',
      pytorchDefault: 1e-6
    }
  }
}

export class Adadelta extends BaseOptimizer<AdadeltaHyperparameters> {
  private readonly oneMinusRho = 1 - this.hyperparameters.rho

  constructor(config: Readonly<Record<string, unknown>> = {}) {
    super(adadeltaSpec, config)
  }

  protected override slotSpecs(): SlotSpec[] {
    return [
      { name: 'accumulated_grad', initial: 0 },
      { name: 'accumulated_delta_var', initial: 0 }
    ]
  }

  protected override updateVariable(i: number, w: Float32Array, g: Float32Array, lr: number) {
    const { rho, epsilon } = this.hyperparameters
    const gradSquares = this.slots.accumulated_grad[i]
    const deltaSquares = this.slots.accumulated_delta_var[i]
    getBackend().adadelta(w, g, gradSquares, deltaSquares, lr, rho, this.oneMinusRho, epsilon)
  }
}
