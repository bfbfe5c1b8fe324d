/** Adagrad — keras.optimizers.Adagrad: a ← a + g²; w ← w − lr·g/√(a + ε). */
import { getBackend } from '../backend/index'
import type { OptimizerSpec } from './hyperparameters'
import { BaseOptimizer, type SlotSpec } from './optimizer'
import { rules } from './rules'

type AdagradHyperparameters = { initial_accumulator_value: number; epsilon: number }

export const adagradSpec: OptimizerSpec<AdagradHyperparameters> = {
  name: 'adagrad',
  learningRate: {
    default: 0.001,
    description: 'Step size before the per-element scaling 1/√(a + ε).',
    pytorchDefault: 0.01
  },
  hyperparameters: {
    initial_accumulator_value: {
      default: 0.1,
      rule: rules.nonNegative,
      description: 'Starting value of the running sum of squared gradients a.',
      pytorchDefault: 0,
      note: 'From 0.1 the first step is lr·g/√(0.1 + g²), small for small gradients; from 0 it is lr·sign(g) whatever the gradient’s size.'
    },
    epsilon: {
      default: 1e-7,
      rule: rules.positive,
      description: 'Added inside the root, √(a + ε), to keep the division finite.',
      pytorchDefault: 1e-10,
      note: 'PyTorch adds ε outside the root: √a + ε.'
    }
  }
}

export class Adagrad extends BaseOptimizer<AdagradHyperparameters> {
  constructor(config: Readonly<Record<string, unknown>> = {}) {
    super(adagradSpec, config)
  }

  protected override slotSpecs(): SlotSpec[] {
    return [{ name: 'accumulator', initial: this.hyperparameters.initial_accumulator_value }]
  }

  protected override updateVariable(i: number, w: Float32Array, g: Float32Array, lr: number) {
    getBackend().adagrad(w, g, this.slots.accumulator[i], lr, this.hyperparameters.epsilon)
  }
}
