/**
 * The CLI's layer mini-language, as the Learn view's "Try this on MNIST" links send it:
 * `512:relu,128:relu,10:softmax`; `dropout:0.2` is a Dropout layer; a bare `64` is linear.
 */
import type { TrainingLayerSpec } from '../../engine'
import { activationNames, isActivation } from './choices'

/** The layers the text describes; throws an Error saying which part cannot be read. */
export function parseLayersText(text: string): TrainingLayerSpec[] {
  const parts = text.split(',').map((part) => part.trim())
  if (parts.some((part) => part === '')) {
    throw new Error('give layers as units:activation separated by commas, e.g. 512:relu,10:softmax')
  }
  return parts.map((part, i): TrainingLayerSpec => {
    const [head, tail, ...rest] = part.split(':')
    if (rest.length > 0) throw new Error(`layer ${i + 1} ("${part}") has more than one colon`)
    if (head.toLowerCase() === 'dropout') {
      const rate = Number(tail)
      if (tail === undefined || tail.trim() === '' || !(rate >= 0 && rate < 1)) {
        throw new Error(`layer ${i + 1} ("${part}"): a dropout rate must be in [0, 1)`)
      }
      return { kind: 'dropout', rate }
    }
    const units = Number(head)
    if (head === '' || !Number.isInteger(units) || units < 1) {
      throw new Error(`layer ${i + 1} ("${part}"): units must be a positive whole number`)
    }
    const activation = (tail ?? 'linear').toLowerCase()
    if (!isActivation(activation)) {
      throw new Error(
        `layer ${i + 1} ("${part}"): unknown activation "${tail}"; use one of ${activationNames.join(', ')}`
      )
    }
    return { kind: 'dense', units, activation }
  })
}
