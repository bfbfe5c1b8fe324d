/** SGD with optional (Nesterov) momentum — keras.optimizers.SGD. */
import { getBackend } from '../backend/index'
import type { OptimizerSpec } from './hyperparameters'
import { BaseOptimizer, type SlotSpec } from './optimizer'
import { rules } from './rules'

type SgdHyperparameters = { momentum: number; nesterov: boolean }

export const sgdSpec: OptimizerSpec<SgdHyperparameters> = {
  name: 'sgd',
  learningRate: {
    default: 0.01,
    description: 'Step size: w ← w − lr·g.',
    pytorchDefault: 0.001
  },
  hyperparameters: {
    momentum: {
      default: 0,
      rule: rules.unitInterval,
      description: 'Share of the previous velocity kept each step: v ← μv − lr·g; w ← w + v.',
      note: 'PyTorch keeps v ← μv + g and steps w ← w − lr·v: the same path while lr is constant, a different one once a schedule changes lr.'
    },
    nesterov: {
      default: false,
      rule: rules.flag,
      description: 'Nesterov momentum: step by μv − lr·g with the new velocity (a look-ahead).'
    }
  }
}

export class SGD extends BaseOptimizer<SgdHyperparameters> {
  constructor(config: Readonly<Record<string, unknown>> = {}) {
    super(sgdSpec, config)
  }

  protected override slotSpecs(): SlotSpec[] {
    return this.hyperparameters.momentum === 0 ? [] : [{ name: 'momentum', initial: 0 }]
  }

  protected override updateVariable(i: number, w: Float32Array, g: Float32Array, lr: number) {
    const { momentum, nesterov } = this.hyperparameters
    if (momentum === 0) getBackend().sgd(w, g, lr)
    else getBackend().sgdMomentum(w, g, this.slots.momentum[i], lr, momentum, nesterov)
  }
}
