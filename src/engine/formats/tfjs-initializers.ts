/**
 * Weight initializers between Descent (Keras 3's definitions) and TF.js 4.22. They matter only
 * when a model is re-initialised: loading always takes the weights from the file.
 *
 * TF.js serializes its presets (glorotUniform, heNormal, …) as VarianceScaling, and its
 * distribution 'normal' draws a normal truncated at ±2σ with σ = √(scale/fan). Keras 3's
 * 'truncated_normal' divides that σ by 0.8796 (the σ of a unit normal truncated at ±2) so that the
 * variance is scale/fan. The same draws thus need TF.js scale = Keras scale / 0.8796².
 */
import { resolveInitializer, type InitializerSpec } from '../initializers'
import { ModelFormatError } from './errors'
import { describe, finiteNumber, isObject, object, string, type JsonObject } from './json-fields'
import type { Notes } from './notes'
import type { TfjsObjectJson } from './tfjs-json'

const TRUNCATED_VARIANCE = 0.87962566103423978 ** 2

type FanMode = 'fan_in' | 'fan_out' | 'fan_avg'
type Distribution = 'uniform' | 'truncated_normal' | 'untruncated_normal'

interface Scaling {
  scale: number
  mode: FanMode
  distribution: Distribution
}

/** Keras 3's variance-scaling presets, as initializers.ts builds them. */
const PRESETS: Record<string, Scaling> = {
  GlorotUniform: { scale: 1, mode: 'fan_avg', distribution: 'uniform' },
  GlorotNormal: { scale: 1, mode: 'fan_avg', distribution: 'truncated_normal' },
  HeUniform: { scale: 2, mode: 'fan_in', distribution: 'uniform' },
  HeNormal: { scale: 2, mode: 'fan_in', distribution: 'truncated_normal' },
  LecunUniform: { scale: 1, mode: 'fan_in', distribution: 'uniform' },
  LecunNormal: { scale: 1, mode: 'fan_in', distribution: 'truncated_normal' }
}

/** TF.js initializers with a seed in their config; the others have none. */
const SEEDED = ['RandomUniform', 'RandomNormal', 'TruncatedNormal']
const UNSEEDED = ['Zeros', 'Ones', 'Constant']

/** TF.js's Dense kernel default, glorotNormal, as TF.js writes it. */
export const TFJS_DENSE_KERNEL_DEFAULT: TfjsObjectJson = {
  class_name: 'VarianceScaling',
  config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null }
}

/** Descent's initializer (its getConfig()) as TF.js writes it; `layer` names it in notes. */
export function toTfjsInitializer(
  spec: InitializerSpec,
  layer: string,
  notes: Notes
): TfjsObjectJson {
  const config = spec.config ?? {}
  const preset = PRESETS[spec.class_name]
  if (preset) return tfjsVarianceScaling(preset)
  if (spec.class_name === 'VarianceScaling') {
    const scaling = config as unknown as Scaling
    if (scaling.distribution === 'untruncated_normal') {
      notes.add(
        'TF.js has no untruncated normal variance scaling: written as its truncated normal with the same variance',
        layer
      )
    }
    return tfjsVarianceScaling(scaling)
  }
  if (SEEDED.includes(spec.class_name)) {
    return { class_name: spec.class_name, config: { ...config, seed: null } }
  }
  if (UNSEEDED.includes(spec.class_name))
    return { class_name: spec.class_name, config: { ...config } }
  throw new ModelFormatError(`${layer}: initializer ${spec.class_name} has no TF.js equivalent`)
}

function tfjsVarianceScaling({ scale, mode, distribution }: Scaling): TfjsObjectJson {
  const uniform = distribution === 'uniform'
  return {
    class_name: 'VarianceScaling',
    config: {
      scale: uniform ? scale : scale / TRUNCATED_VARIANCE,
      mode,
      distribution: uniform ? 'uniform' : 'normal',
      seed: null
    }
  }
}

/**
 * A TF.js (or Keras) initializer as Descent's spec. One Descent lacks (Identity, Orthogonal, …)
 * becomes `fallback`, with a note; a malformed one is an error.
 */
export function fromTfjsInitializer(
  value: unknown,
  where: string,
  fallback: InitializerSpec,
  notes: Notes
): InitializerSpec {
  const { className, config } = parts(value, where)
  if (className === 'VarianceScaling') return descentVarianceScaling(config, where, notes)
  const known = attempt(() => resolveInitializer({ class_name: className }))
  if (!known) {
    notes.add(
      `${className} has no Descent equivalent: re-initialising would use ${fallback.class_name} (the weights are loaded from the file)`,
      where
    )
    return fallback
  }
  const { seed: _seed, module: _module, registered_name: _registered, ...options } = config
  try {
    return resolveInitializer({ class_name: className, config: options }).getConfig()
  } catch (error) {
    throw new ModelFormatError(`${where}: ${(error as Error).message}`)
  }
}

function parts(value: unknown, where: string): { className: string; config: JsonObject } {
  if (typeof value === 'string') return { className: value, config: {} }
  const spec = object(value, where)
  return {
    className: string(spec.class_name, `${where}.class_name`),
    config: isObject(spec.config) ? spec.config : {}
  }
}

function attempt<T>(make: () => T): T | null {
  try {
    return make()
  } catch {
    return null
  }
}

const MODES: Record<string, FanMode> = {
  fan_in: 'fan_in',
  fanIn: 'fan_in',
  fan_out: 'fan_out',
  fanOut: 'fan_out',
  fan_avg: 'fan_avg',
  fanAvg: 'fan_avg'
}

/** TF.js's 'normal' is kept as the same distribution; Keras's names mean Keras's draws. */
const DISTRIBUTIONS: Record<string, Distribution | 'tfjs_normal'> = {
  uniform: 'uniform',
  normal: 'tfjs_normal',
  truncated_normal: 'truncated_normal',
  truncatedNormal: 'truncated_normal',
  untruncated_normal: 'untruncated_normal',
  untruncatedNormal: 'untruncated_normal'
}

function descentVarianceScaling(config: JsonObject, where: string, notes: Notes): InitializerSpec {
  const scale = finiteNumber(config.scale ?? 1, `${where}.config.scale`)
  const mode = lookup(MODES, config.mode ?? 'fan_in', `${where}.config.mode`)
  const given = lookup(
    DISTRIBUTIONS,
    config.distribution ?? 'normal',
    `${where}.config.distribution`
  )
  if (scale <= 0) throw new ModelFormatError(`${where}.config.scale must be > 0, got ${scale}`)
  const scaling: Scaling =
    given === 'tfjs_normal'
      ? { scale: scale * TRUNCATED_VARIANCE, mode, distribution: 'truncated_normal' }
      : { scale, mode, distribution: given }
  const preset = Object.keys(PRESETS).find((name) => sameScaling(PRESETS[name], scaling))
  if (given === 'tfjs_normal' && !preset) {
    const name =
      scale === 1 && mode === 'fan_avg'
        ? "TF.js's glorotNormal, its Dense default (Keras and Descent default to glorot_uniform)"
        : "TF.js's 'normal' variance scaling"
    notes.add(
      `${name}: a normal truncated at ±2σ with σ = √(scale/fan), without Keras's correction; ` +
        `kept as the same draws, VarianceScaling(scale ${round(scaling.scale)}, ${mode}, truncated_normal)`,
      where
    )
  }
  if (preset) return { class_name: preset, config: {} }
  return { class_name: 'VarianceScaling', config: { ...scaling } }
}

function lookup<T>(table: Record<string, T>, value: unknown, where: string): T {
  if (typeof value === 'string' && Object.hasOwn(table, value)) return table[value]
  throw new ModelFormatError(
    `${where} must be one of ${Object.keys(table).join(', ')}, got ${describe(value)}`
  )
}

function sameScaling(a: Scaling, b: Scaling): boolean {
  return (
    a.mode === b.mode && a.distribution === b.distribution && Math.abs(a.scale - b.scale) < 1e-12
  )
}

function round(x: number): string {
  return String(Number(x.toPrecision(4)))
}
