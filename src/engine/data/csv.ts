import { csvRecords, type CsvRecord } from './csv-records'
import { Dataset, type Task } from './dataset'
import { DataError, type DataErrorPlace } from './errors'
import { gunzip, isGzip } from './gzip'

export interface CsvOptions {
  /** Named in every error. */
  fileName: string
  /** Data set name; defaults to the file name without folder and extension. */
  name?: string
  /** Header name, or 0-based index. Default: a column named label/class/target/y, else the last. */
  labelColumn?: string | number
  /** Default: detected (a first row with text where the second row has numbers is a header). */
  hasHeader?: boolean
  /**
   * Default: detected. Text labels → classification; integer labels with 2..AUTO_CLASS_LIMIT
   * distinct values → classification; other numbers → regression. Two classes make 'binary'.
   */
  task?: Task
}

/** Auto-detection calls integer labels with up to this many distinct values classes. */
export const AUTO_CLASS_LIMIT = 32

const LABEL_NAMES = ['label', 'class', 'target', 'y']
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * A data set from a CSV file (text, or UTF-8 bytes, gzipped or not): every column but the label
 * column is a float32 feature. Classes (text or integer labels) are numbered in sorted order
 * and named in classNames.
 */
export function parseCsv(input: string | Uint8Array, opts: CsvOptions): Dataset {
  const file = opts.fileName
  const text = (typeof input === 'string' ? input : decode(input, file)).replace(/^\uFEFF/, '')
  if (text.trim() === '') throw new DataError(file, 'the file is empty')
  const records = csvRecords(text, file)
  const first = records.next().value as CsvRecord
  const second: CsvRecord | undefined = records.next().value ?? undefined
  const header = (opts.hasHeader ?? looksLikeHeader(first, second)) ? first : null
  if (header && !second) {
    throw new DataError(file, 'no data rows: the file holds only a header', { line: first.line })
  }
  const width = first.cells.length
  if (width < 2) {
    throw new DataError(
      file,
      'one column only: a data set needs feature columns and a label column'
    )
  }

  const labelAt = labelColumnIndex(opts.labelColumn, header, width, file)
  const columnName = (c: number): DataErrorPlace =>
    header ? { columnName: header.cells[c].trim() } : {}
  const cellError = (cell: string, line: number, c: number): DataError =>
    new DataError(file, describeBadNumber(cell), { line, column: c + 1, ...columnName(c) })

  const features = new GrowingFloat32Array()
  const labelCells: string[] = []
  const labelLines: number[] = []
  const readRow = (row: CsvRecord): void => {
    if (row.cells.length !== width) {
      const reference = header ? 'the header has' : `line ${first.line} has`
      const problem = `line ${row.line} has ${row.cells.length} cells, ${reference} ${width}`
      throw new DataError(file, problem, { line: row.line })
    }
    for (let c = 0; c < width; c++) {
      if (c === labelAt) continue
      const value = toNumber(row.cells[c])
      if (Number.isNaN(value)) throw cellError(row.cells[c], row.line, c)
      features.push(value)
    }
    const label = row.cells[labelAt].trim()
    if (label === '') throw cellError(label, row.line, labelAt)
    labelCells.push(label)
    labelLines.push(row.line)
  }
  if (!header) readRow(first)
  if (second) readRow(second)
  for (const row of records) readRow(row)

  const task = opts.task ?? detectTask(labelCells)
  const common = {
    name: opts.name ?? baseName(file),
    features: features.toArray(),
    featureShape: [width - 1]
  }
  if (task === 'regression') {
    const targets = Float32Array.from(labelCells, (cell, r) => {
      const value = toNumber(cell)
      if (Number.isNaN(value)) throw cellError(cell, labelLines[r], labelAt)
      return value
    })
    return Dataset.fromFloat32({ ...common, task, labels: targets })
  }
  const classNames = sortedClasses(labelCells)
  if (classNames.length < 2 || (task === 'binary' && classNames.length !== 2)) {
    const wanted = task === 'binary' ? 'exactly 2' : 'at least 2'
    throw new DataError(
      file,
      `${task} classification needs ${wanted} distinct labels, the label column holds ${classNames.length}`,
      { column: labelAt + 1, ...columnName(labelAt) }
    )
  }
  const index = new Map(classNames.map((name, k) => [name, k]))
  const labels = Int32Array.from(labelCells, (cell) => index.get(canonical(cell)) ?? -1)
  return Dataset.fromFloat32({ ...common, task, labels, numClasses: classNames.length, classNames })
}

function decode(bytes: Uint8Array, file: string): string {
  const raw = isGzip(bytes) ? gunzip(bytes, file) : bytes
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw)
  } catch {
    throw new DataError(file, 'the file is not UTF-8 text')
  }
}

/** The cell's value, or NaN unless it is a plain finite decimal number. */
function toNumber(cell: string): number {
  const s = cell.trim()
  const value = DECIMAL.test(s) ? Number(s) : NaN
  return Number.isFinite(value) ? value : NaN
}

function isNumber(cell: string): boolean {
  return Number.isFinite(toNumber(cell))
}

function describeBadNumber(cell: string): string {
  const s = cell.trim()
  if (s === '') return 'empty cell'
  const nonFinite = /^[+-]?(nan|inf(inity)?)$/i.test(s) || DECIMAL.test(s)
  return `'${s}' is not ${nonFinite ? 'a finite number' : 'a number'}`
}

/** A header row has text in some column where the next row holds a number. */
function looksLikeHeader(first: CsvRecord, second: CsvRecord | undefined): boolean {
  const isText = (cell: string): boolean => cell.trim() !== '' && !isNumber(cell)
  if (!second) return first.cells.some(isText)
  return first.cells.some(
    (cell, c) => isText(cell) && c < second.cells.length && isNumber(second.cells[c])
  )
}

function labelColumnIndex(
  wanted: string | number | undefined,
  header: CsvRecord | null,
  width: number,
  file: string
): number {
  const names = header ? header.cells.map((cell) => cell.trim()) : []
  if (typeof wanted === 'number') {
    if (Number.isInteger(wanted) && wanted >= 0 && wanted < width) return wanted
    throw new DataError(
      file,
      `label column ${wanted} does not exist: columns are numbered 0..${width - 1}`
    )
  }
  if (wanted !== undefined) {
    const at = names.indexOf(wanted)
    if (at >= 0) return at
    const known = header
      ? `the columns are ${names.map((n) => `"${n}"`).join(', ')}`
      : 'the file has no header row'
    throw new DataError(file, `label column "${wanted}" does not exist: ${known}`)
  }
  const named = names.findIndex((n) => LABEL_NAMES.includes(n.toLowerCase()))
  return named >= 0 ? named : width - 1
}

function detectTask(labelCells: string[]): Task {
  const classes = new Set(labelCells.map(canonical)).size
  if (labelCells.every(isNumber)) {
    const integers = labelCells.every((cell) => Number.isInteger(toNumber(cell)))
    if (!integers || classes < 2 || classes > AUTO_CLASS_LIMIT) return 'regression'
  }
  return classes === 2 ? 'binary' : 'multiclass'
}

/** Numbers are named by their value ("1.0" and "1" are one class), text as written. */
function canonical(cell: string): string {
  return isNumber(cell) ? String(toNumber(cell)) : cell
}

/** Class names in order: numerically when all are numbers, else by code unit. */
function sortedClasses(labelCells: string[]): string[] {
  const names = [...new Set(labelCells.map(canonical))]
  return names.every(isNumber) ? names.sort((a, b) => Number(a) - Number(b)) : names.sort()
}

function baseName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file
  return last.replace(/\.(csv|txt)(\.gz)?$/i, '') || last
}

/** A float32 buffer that doubles as rows arrive, so a large file is never held as strings. */
class GrowingFloat32Array {
  private data = new Float32Array(1024)
  private length = 0

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float32Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = value
  }

  toArray(): Float32Array {
    return this.data.slice(0, this.length)
  }
}
