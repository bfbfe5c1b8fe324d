/**
 * A model file that cannot be read or written. Model files a user imports are untrusted input, so
 * every problem found in one is reported as a ModelFormatError naming what is wrong and where.
 */
export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ModelFormatError'
  }
}
