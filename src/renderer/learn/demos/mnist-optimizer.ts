/**
 * "Try this on MNIST" for the optimizer sections: Build opens on the lecture's network
 * (Dense 512 relu → Dense 128 relu → Dense 10 softmax, 5 epochs of batch 128) with the chosen
 * optimizer. Learning rates tuned on a toy curve do not carry over, so the optimizer comes with
 * Keras's default rate.
 */
import type { ActivationName } from '../../../engine/ops/index'
import { mnistQuery } from './mnist-link'
import { defaultLearningRate, type Racer } from './racers'

const relu: ActivationName = 'relu'
const lectureNetwork = {
  hidden: [
    { units: 512, activation: relu },
    { units: 128, activation: relu }
  ],
  batchSize: 128,
  epochs: 5
}

/** An optimizer of the race on MNIST, momentum and Nesterov included for the SGD family. */
export function racerOnMnist(
  racer: Racer,
  momentum = racer.options.momentum ?? 0
): Record<string, string> {
  const query = mnistQuery({
    ...lectureNetwork,
    optimizer: racer.optimizer,
    lr: defaultLearningRate(racer)
  })
  if (racer.optimizer !== 'sgd') return query
  return { ...query, momentum: String(momentum), nesterov: String(racer.options.nesterov ?? false) }
}
