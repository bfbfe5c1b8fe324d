/** Where in a file a problem sits: a byte offset (binary formats) or a line and column (text). */
export interface DataErrorPlace {
  /** Byte offset (binary formats). */
  position?: number
  /** 1-based line (text formats). */
  line?: number
  /** 1-based column number (text formats). */
  column?: number
  /** The column's header name, when the file has a header. */
  columnName?: string
}

/**
 * A malformed data file. Imported files are untrusted input, so every problem found in one is
 * reported as a DataError naming the file, the place and what is wrong — never a bare TypeError.
 */
export class DataError extends Error {
  readonly file: string
  readonly position?: number
  readonly line?: number
  readonly column?: number
  readonly columnName?: string
  readonly problem: string

  constructor(file: string, problem: string, place: DataErrorPlace = {}) {
    super(`${file}${describePlace(place)}: ${problem}`)
    this.name = 'DataError'
    this.file = file
    this.problem = problem
    Object.assign(this, place)
  }
}

function describePlace({ position, line, column, columnName }: DataErrorPlace): string {
  let where = ''
  if (position !== undefined) where += `, byte ${position}`
  if (line !== undefined) where += `, line ${line}`
  if (columnName !== undefined) where += `, column "${columnName}"`
  else if (column !== undefined) where += `, column ${column}`
  return where
}
