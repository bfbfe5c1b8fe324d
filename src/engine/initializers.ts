/**
 * Weight initializers, as Keras 3 defines them. Every draw comes from the model's Rng, in
 * row-major order, so the same seed gives the same initial weights.
 */
import type { Rng } from './random'

export type InitializerName =
  | 'glorot_uniform'
  | 'glorot_normal'
  | 'he_uniform'
  | 'he_normal'
  | 'lecun_uniform'
  | 'lecun_normal'
  | 'random_uniform'
  | 'random_normal'
  | 'truncated_normal'
  | 'zeros'
  | 'ones'

/** Keras's serialized form: { class_name: 'GlorotUniform', config: {} }. */
export interface InitializerSpec {
  class_name: string
  config?: Record<string, unknown>
}

/** A snake_case name ('he_normal'), a Keras class name ('HeNormal') or a spec. */
export type InitializerConfig = InitializerName | string | InitializerSpec

export interface Initializer {
  /** Overwrites `values` (a tensor of `shape`, row-major) with fresh draws. */
  fill(values: Float32Array, shape: readonly number[], rng: Rng): void
  getConfig(): InitializerSpec
}

type FanMode = 'fan_in' | 'fan_out' | 'fan_avg'
type Distribution = 'uniform' | 'truncated_normal' | 'untruncated_normal'

/** Keras's compute_fans: a Dense kernel [in, out] has fan_in = in, fan_out = out. */
export function computeFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 }
  if (shape.length === 1) return { fanIn: shape[0], fanOut: shape[0] }
  const receptiveField = shape.slice(0, -2).reduce((p, d) => p * d, 1)
  return {
    fanIn: shape[shape.length - 2] * receptiveField,
    fanOut: shape[shape.length - 1] * receptiveField
  }
}

/** The standard deviation of a unit normal truncated to [-2, 2]. */
const TRUNCATED_STDDEV = 0.87962566103423978

/** A normal draw redrawn until it falls within two standard deviations of the mean. */
function truncatedNormal(rng: Rng, mean: number, stddev: number): number {
  for (;;) {
    const z = rng.normal()
    if (Math.abs(z) <= 2) return mean + stddev * z
  }
}

function varianceScaling(scale: number, mode: FanMode, distribution: Distribution): Initializer {
  return {
    fill(values, shape, rng) {
      const { fanIn, fanOut } = computeFans(shape)
      const fan = mode === 'fan_in' ? fanIn : mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2
      const variance = scale / Math.max(1, fan)
      if (distribution === 'uniform') {
        const limit = Math.sqrt(3 * variance)
        for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-limit, limit)
      } else if (distribution === 'truncated_normal') {
        const stddev = Math.sqrt(variance) / TRUNCATED_STDDEV
        for (let i = 0; i < values.length; i++) values[i] = truncatedNormal(rng, 0, stddev)
      } else {
        const stddev = Math.sqrt(variance)
        for (let i = 0; i < values.length; i++) values[i] = rng.normal(0, stddev)
      }
    },
    getConfig: () => ({ class_name: 'VarianceScaling', config: { scale, mode, distribution } })
  }
}

/** A variance-scaling preset that serializes under its own Keras class name. */
function preset(className: string, scale: number, mode: FanMode, dist: Distribution): Initializer {
  return {
    ...varianceScaling(scale, mode, dist),
    getConfig: () => ({ class_name: className, config: {} })
  }
}

function randomUniform(minval: number, maxval: number): Initializer {
  return {
    fill(values, _shape, rng) {
      for (let i = 0; i < values.length; i++) values[i] = rng.uniform(minval, maxval)
    },
    getConfig: () => ({ class_name: 'RandomUniform', config: { minval, maxval } })
  }
}

function randomNormal(mean: number, stddev: number, truncated: boolean): Initializer {
  return {
    fill(values, _shape, rng) {
      for (let i = 0; i < values.length; i++) {
        values[i] = truncated ? truncatedNormal(rng, mean, stddev) : rng.normal(mean, stddev)
      }
    },
    getConfig: () => ({
      class_name: truncated ? 'TruncatedNormal' : 'RandomNormal',
      config: { mean, stddev }
    })
  }
}

function constant(value: number, className: string): Initializer {
  return {
    fill(values) {
      values.fill(value)
    },
    getConfig: () => ({ class_name: className, config: className === 'Constant' ? { value } : {} })
  }
}

type Config = Record<string, unknown>

function num(config: Config, key: string, fallback: number): number {
  const v = config[key]
  if (v === undefined || v === null) return fallback
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new Error(`initializer option ${key} must be a finite number, got ${JSON.stringify(v)}`)
  }
  return v
}

function oneOf<T extends string>(
  config: Config,
  key: string,
  allowed: readonly T[],
  fallback: T
): T {
  const v = config[key] ?? fallback
  if (!allowed.includes(v as T)) {
    throw new Error(
      `initializer option ${key} must be one of ${allowed.join(', ')}, got ${String(v)}`
    )
  }
  return v as T
}

/** Keyed by the name lowercased without underscores, so 'he_normal' and 'HeNormal' meet. */
const FACTORIES: Record<string, (c: Config) => Initializer> = {
  glorotuniform: () => preset('GlorotUniform', 1, 'fan_avg', 'uniform'),
  glorotnormal: () => preset('GlorotNormal', 1, 'fan_avg', 'truncated_normal'),
  heuniform: () => preset('HeUniform', 2, 'fan_in', 'uniform'),
  henormal: () => preset('HeNormal', 2, 'fan_in', 'truncated_normal'),
  lecununiform: () => preset('LecunUniform', 1, 'fan_in', 'uniform'),
  lecunnormal: () => preset('LecunNormal', 1, 'fan_in', 'truncated_normal'),
  variancescaling: (c) =>
    varianceScaling(
      num(c, 'scale', 1),
      oneOf(c, 'mode', ['fan_in', 'fan_out', 'fan_avg'], 'fan_in'),
      oneOf(
        c,
        'distribution',
        ['uniform', 'truncated_normal', 'untruncated_normal'],
        'truncated_normal'
      )
    ),
  randomuniform: (c) => randomUniform(num(c, 'minval', -0.05), num(c, 'maxval', 0.05)),
  randomnormal: (c) => randomNormal(num(c, 'mean', 0), num(c, 'stddev', 0.05), false),
  truncatednormal: (c) => randomNormal(num(c, 'mean', 0), num(c, 'stddev', 0.05), true),
  zeros: () => constant(0, 'Zeros'),
  ones: () => constant(1, 'Ones'),
  constant: (c) => constant(num(c, 'value', 0), 'Constant')
}

export function resolveInitializer(config: InitializerConfig): Initializer {
  const spec = typeof config === 'string' ? { class_name: config } : config
  const factory = FACTORIES[spec.class_name.replace(/_/g, '').toLowerCase()]
  if (!factory) {
    throw new Error(
      `unknown initializer "${spec.class_name}"; use one of glorot_uniform, glorot_normal, ` +
        'he_uniform, he_normal, lecun_uniform, lecun_normal, random_uniform, random_normal, ' +
        'truncated_normal, zeros, ones, constant or variance_scaling'
    )
  }
  return factory(spec.config ?? {})
}
