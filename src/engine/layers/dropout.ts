import { dropout } from '../ops/index'
import type { Rng } from '../random'
import type { Tensor } from '../tensor'
import { optionalInputShape, optionalString, type Config } from './config'
import { Layer, type LayerOptions } from './layer'

export interface DropoutOptions extends LayerOptions {
  /** The fraction of units zeroed during training, in [0, 1). */
  rate: number
}

/**
 * Inverted dropout during training, the identity at inference. Its masks come from the model's
 * Rng, so a seeded run drops the same units every time.
 */
export class Dropout extends Layer {
  readonly className = 'Dropout'
  protected readonly namePrefix = 'dropout'
  readonly rate: number
  private rng: Rng | null = null

  constructor(options: DropoutOptions) {
    super(options)
    if (typeof options.rate !== 'number' || !(options.rate >= 0 && options.rate < 1)) {
      throw new Error(`Dropout: rate must be in [0, 1), got ${options.rate}`)
    }
    this.rate = options.rate
  }

  protected create(inputShape: readonly number[], rng: Rng): readonly number[] {
    this.rng = rng
    return inputShape
  }

  call(x: Tensor, training: boolean): Tensor {
    if (this.rng === null) throw new Error(`${this.name} is not built yet`)
    return dropout(x, this.rate, this.rng, training)
  }

  protected ownConfig(): Record<string, unknown> {
    return { rate: this.rate }
  }

  static fromConfig(config: Config): Dropout {
    return new Dropout({
      name: optionalString(config, 'name', 'Dropout'),
      inputShape: optionalInputShape(config, 'Dropout'),
      rate: config.rate as number
    })
  }
}
