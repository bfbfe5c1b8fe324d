/**
 * The layer mini-language the CLI's --layers, the Learn view's "Try this on MNIST" links and the
 * Compare view's quick spec share: `512:relu,128:relu,10:softmax`; `dropout:0.2` is a Dropout
 * layer; a bare `64` is a linear Dense layer.
 */
import { toActivationName } from '../layers/activation-name'
import type { LayerSpec } from './training-spec'

/** The layers the text describes; throws an Error saying which part cannot be read. */
export function parseLayersText(text: string): LayerSpec[] {
  const parts = text.split(',').map((part) => part.trim())
  if (parts.some((part) => part === '')) {
    throw new Error('give layers as units:activation separated by commas, e.g. 512:relu,10:softmax')
  }
  return parts.map((part, i): LayerSpec => {
    const where = `layer ${i + 1} ("${part}")`
    const [head, tail, ...rest] = part.split(':')
    if (rest.length > 0) throw new Error(`${where} has more than one colon`)
    if (head.toLowerCase() === 'dropout') {
      const rate = Number(tail)
      if (tail === undefined || tail.trim() === '' || !(rate >= 0 && rate < 1)) {
        throw new Error(`${where}: a dropout rate must be in [0, 1)`)
      }
      return { kind: 'dropout', rate }
    }
    const units = Number(head)
    if (!Number.isInteger(units) || units < 1) {
      throw new Error(`${where}: units must be a positive whole number`)
    }
    try {
      return {
        kind: 'dense',
        units,
        activation: toActivationName((tail ?? 'linear').toLowerCase())
      }
    } catch (err) {
      throw new Error(`${where}: ${(err as Error).message}`, { cause: err })
    }
  })
}

/** One layer in the mini-language: "512:relu", "dropout:0.2" (without a Dense initializer). */
export function formatLayerText(layer: LayerSpec): string {
  return layer.kind === 'dropout' ? `dropout:${layer.rate}` : `${layer.units}:${layer.activation}`
}

/** The layers as parseLayersText reads them back. */
export function formatLayersText(layers: readonly LayerSpec[]): string {
  return layers.map(formatLayerText).join(',')
}
