/** Readers for layer configs, which may come from an untrusted file: each names what is wrong. */

export type Config = Record<string, unknown>

export function positiveInt(config: Config, key: string, layer: string): number {
  const v = config[key]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new Error(`${layer}: ${key} must be a positive integer, got ${JSON.stringify(v)}`)
  }
  return v
}

export function optionalString(config: Config, key: string, layer: string): string | undefined {
  const v = config[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string')
    throw new Error(`${layer}: ${key} must be a string, got ${JSON.stringify(v)}`)
  return v
}

export function optionalBoolean(config: Config, key: string, layer: string): boolean | undefined {
  const v = config[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'boolean')
    throw new Error(`${layer}: ${key} must be true or false, got ${JSON.stringify(v)}`)
  return v
}

/**
 * The per-sample input shape from Keras's input_shape, or batch_input_shape / batch_shape with
 * the batch axis (null) first.
 */
export function optionalInputShape(config: Config, layer: string): number[] | undefined {
  const perSample = config.input_shape
  const batched = config.batch_input_shape ?? config.batch_shape
  if (perSample === undefined && batched === undefined) return undefined
  const shape =
    perSample !== undefined ? perSample : Array.isArray(batched) ? batched.slice(1) : batched
  if (
    !Array.isArray(shape) ||
    shape.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 1)
  ) {
    throw new Error(
      `${layer}: the input shape must be a list of positive integers, got ${JSON.stringify(shape)}`
    )
  }
  return shape as number[]
}

export function isRecord(v: unknown): v is Config {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
