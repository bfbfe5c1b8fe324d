/**
 * Weight penalties added to the loss, as Keras's L1, L2 and L1L2:
 * l1·Σ|w| + l2·Σw² (no ½ on the square).
 */
import { abs, add, scale, square, sum } from '../ops/index'
import type { Tensor } from '../tensor'

export interface L1L2 {
  l1: number
  l2: number
}

/**
 * { l1?, l2? }, a Keras spec ({ class_name: 'L2', config: { l2: 0.01 } }) or the names 'l1'
 * and 'l2', which mean a factor 0.01 as in Keras.
 */
export type RegularizerConfig =
  | { l1?: number; l2?: number }
  | { class_name: string; config?: { l1?: number; l2?: number } }
  | 'l1'
  | 'l2'

const KERAS_DEFAULT_FACTOR = 0.01

function factor(value: unknown, key: string): number {
  if (value === undefined || value === null) return 0
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(
      `regularizer ${key} must be a non-negative number, got ${JSON.stringify(value)}`
    )
  }
  return value
}

export function resolveRegularizer(config: RegularizerConfig | null | undefined): L1L2 | null {
  if (config === null || config === undefined) return null
  if (typeof config === 'string') {
    if (config === 'l1') return { l1: KERAS_DEFAULT_FACTOR, l2: 0 }
    if (config === 'l2') return { l1: 0, l2: KERAS_DEFAULT_FACTOR }
    throw new Error(`unknown regularizer "${String(config)}"; use l1, l2 or { l1, l2 }`)
  }
  if ('class_name' in config) {
    const kind = config.class_name.toLowerCase()
    const c = config.config ?? {}
    if (kind === 'l1') return { l1: factor(c.l1 ?? KERAS_DEFAULT_FACTOR, 'l1'), l2: 0 }
    if (kind === 'l2') return { l1: 0, l2: factor(c.l2 ?? KERAS_DEFAULT_FACTOR, 'l2') }
    if (kind === 'l1l2') return { l1: factor(c.l1, 'l1'), l2: factor(c.l2, 'l2') }
    throw new Error(`unknown regularizer class "${config.class_name}"; use L1, L2 or L1L2`)
  }
  return { l1: factor(config.l1, 'l1'), l2: factor(config.l2, 'l2') }
}

export function regularizerSpec(r: L1L2): { class_name: 'L1L2'; config: L1L2 } {
  return { class_name: 'L1L2', config: { l1: r.l1, l2: r.l2 } }
}

/** The scalar penalty for weights w; null when both factors are zero. */
export function penalty(r: L1L2, w: Tensor): Tensor | null {
  const l1 = r.l1 > 0 ? scale(sum(abs(w)), r.l1) : null
  const l2 = r.l2 > 0 ? scale(sum(square(w)), r.l2) : null
  if (l1 && l2) return add(l1, l2)
  return l1 ?? l2
}
