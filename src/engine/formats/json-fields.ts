/**
 * Readers for JSON from an untrusted file: each returns the value with its type, or throws a
 * ModelFormatError saying where it sits (`where`) and what was found instead.
 */
import { ModelFormatError } from './errors'

export type JsonObject = Record<string, unknown>

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A short rendering of a found value for an error message. */
export function describe(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function fail(where: string, expected: string, value: unknown): never {
  throw new ModelFormatError(`${where} must be ${expected}, got ${describe(value)}`)
}

export function object(value: unknown, where: string): JsonObject {
  return isObject(value) ? value : fail(where, 'an object', value)
}

export function array(value: unknown, where: string): unknown[] {
  return Array.isArray(value) ? value : fail(where, 'a list', value)
}

export function string(value: unknown, where: string): string {
  return typeof value === 'string' ? value : fail(where, 'a string', value)
}

export function finiteNumber(value: unknown, where: string): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : fail(where, 'a number', value)
}

export function nonNegativeInt(value: unknown, where: string): number {
  return Number.isSafeInteger(value) && (value as number) >= 0
    ? (value as number)
    : fail(where, 'an integer >= 0', value)
}

export function positiveInt(value: unknown, where: string): number {
  return Number.isSafeInteger(value) && (value as number) >= 1
    ? (value as number)
    : fail(where, 'a positive integer', value)
}

/** A boolean, or `fallback` when the key is absent or null. */
export function optionalBoolean(value: unknown, where: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback
  return typeof value === 'boolean' ? value : fail(where, 'true or false', value)
}

export function stringList(value: unknown, where: string): string[] {
  return array(value, where).map((s, i) => string(s, `${where}[${i}]`))
}

export function numberList(value: unknown, where: string): number[] {
  return array(value, where).map((n, i) => finiteNumber(n, `${where}[${i}]`))
}

/** A tensor shape: a list of integers >= 0. */
export function shape(value: unknown, where: string): number[] {
  return array(value, where).map((d, i) => nonNegativeInt(d, `${where}[${i}]`))
}

/** Structural equality of two JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]))
  }
  if (isObject(a)) {
    if (!isObject(b)) return false
    const keys = Object.keys(a)
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]))
    )
  }
  return Object.is(a, b)
}
