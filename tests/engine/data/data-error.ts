import { DataError } from '../../../src/engine/data/errors'

/** Runs f, which must throw a DataError, and returns that error for its fields to be checked. */
export function dataError(f: () => unknown): DataError {
  try {
    f()
  } catch (e) {
    if (e instanceof DataError) return e
    throw new Error(`expected a DataError, got ${String(e)}`, { cause: e })
  }
  throw new Error('expected a DataError, nothing was thrown')
}
