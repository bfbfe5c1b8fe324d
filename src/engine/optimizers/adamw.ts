/** AdamW — keras.optimizers.AdamW: Adam after a decoupled weight decay w ← w − lr·wd·w. */
import { Adam, adamSpec, type AdamHyperparameters } from './adam'
import type { OptimizerSpec } from './hyperparameters'

export const adamwSpec: OptimizerSpec<AdamHyperparameters> = {
  ...adamSpec,
  name: 'adamw',
  weightDecay: {
    default: 0.004,
    description: 'Decoupled weight decay: w ← w − lr·wd·w before each Adam step.',
    pytorchDefault: 0.01
  }
}

export class AdamW extends Adam {
  constructor(config: Readonly<Record<string, unknown>> = {}) {
    super(config, adamwSpec)
  }
}
