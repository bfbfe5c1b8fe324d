/**
 * Checks on user-supplied option values, each phrased for its error message:
 * "<owner>: <key> must be <requirement>; got <value>".
 */
export interface Rule {
  readonly requirement: string
  test(value: unknown): boolean
}

export const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

export const rules = {
  unitInterval: {
    requirement: 'a number in [0, 1)',
    test: (v: unknown) => isFiniteNumber(v) && v >= 0 && v < 1
  },
  closedUnitInterval: {
    requirement: 'a number in [0, 1]',
    test: (v: unknown) => isFiniteNumber(v) && v >= 0 && v <= 1
  },
  positive: {
    requirement: 'a finite number > 0',
    test: (v: unknown) => isFiniteNumber(v) && v > 0
  },
  nonNegative: {
    requirement: 'a finite number >= 0',
    test: (v: unknown) => isFiniteNumber(v) && v >= 0
  },
  flag: { requirement: 'true or false', test: (v: unknown) => typeof v === 'boolean' }
} satisfies Record<string, Rule>

/** A value as it should appear in an error message (NaN and Infinity stay readable). */
export function show(value: unknown): string {
  return typeof value === 'number' || value === undefined ? String(value) : JSON.stringify(value)
}

/** Throws `<owner>: <key> must be <requirement>; got <value>` unless the rule accepts value. */
export function check(owner: string, key: string, value: unknown, rule: Rule): void {
  if (!rule.test(value))
    throw new Error(`${owner}: ${key} must be ${rule.requirement}; got ${show(value)}`)
}

/**
 * Throws for the first key of config that is not in known, naming the keys that are. A key of
 * `inert` is let through while its test accepts the value (the setting that leaves it off).
 */
export function rejectUnknownKeys(
  owner: string,
  config: Readonly<Record<string, unknown>>,
  known: readonly string[],
  inert: Readonly<Record<string, (value: unknown) => boolean>> = {}
): void {
  for (const [key, value] of Object.entries(config)) {
    if (known.includes(key)) continue
    if (!Object.hasOwn(inert, key)) {
      throw new Error(`${owner}: unknown option "${key}"; expected one of ${known.join(', ')}`)
    }
    if (!inert[key](value)) throw new Error(`${owner}: ${key} is not supported; got ${show(value)}`)
  }
}

/** config[key], or fallback when the key is absent or undefined (null is a value, not absence). */
export function valueOr(config: Readonly<Record<string, unknown>>, key: string, fallback: unknown) {
  return config[key] === undefined ? fallback : config[key]
}
