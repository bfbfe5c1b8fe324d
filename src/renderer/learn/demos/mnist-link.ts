/**
 * "Try this on MNIST": the query the Build view reads to start from a demo's setting — the
 * optimizer by Keras name, its learning rate, the batch size, the epochs, and the hidden layers in
 * the CLI's mini-language with MNIST's 10-way softmax output appended.
 */
import { formatLayersText, type LayerSpec } from '../../../engine/spec'
import type { HiddenLayer } from './playground'

export interface MnistSetting {
  optimizer: string
  lr: number
  batchSize?: number
  epochs?: number
  hidden?: readonly HiddenLayer[]
}

export function mnistQuery(setting: MnistSetting): Record<string, string> {
  const layers: LayerSpec[] = [
    ...(setting.hidden ?? []).map((h): LayerSpec => ({ kind: 'dense', ...h })),
    { kind: 'dense', units: 10, activation: 'softmax' }
  ]
  const query: Record<string, string> = {
    dataset: 'mnist',
    optimizer: setting.optimizer,
    lr: String(setting.lr),
    layers: formatLayersText(layers)
  }
  if (setting.batchSize !== undefined) query.batchSize = String(setting.batchSize)
  if (setting.epochs !== undefined) query.epochs = String(setting.epochs)
  return query
}
