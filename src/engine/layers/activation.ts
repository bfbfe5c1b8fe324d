import { activation, type ActivationName } from '../ops/index'
import type { Tensor } from '../tensor'
import { toActivationName } from './activation-name'
import { optionalInputShape, optionalString, type Config } from './config'
import { Layer, type LayerOptions } from './layer'

export interface ActivationOptions extends LayerOptions {
  activation: ActivationName
}

/** Applies an activation function on its own, e.g. after a linear Dense. */
export class Activation extends Layer {
  readonly className = 'Activation'
  protected readonly namePrefix = 'activation'
  readonly activation: ActivationName

  constructor(options: ActivationOptions) {
    super(options)
    this.activation = toActivationName(options.activation)
  }

  protected create(inputShape: readonly number[]): readonly number[] {
    return inputShape
  }

  call(x: Tensor): Tensor {
    return activation(this.activation, x)
  }

  protected ownConfig(): Record<string, unknown> {
    return { activation: this.activation }
  }

  static fromConfig(config: Config): Activation {
    return new Activation({
      name: optionalString(config, 'name', 'Activation'),
      inputShape: optionalInputShape(config, 'Activation'),
      activation: toActivationName(config.activation)
    })
  }
}
