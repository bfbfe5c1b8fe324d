import { DataError } from './errors'

export interface CsvRecord {
  cells: string[]
  /** 1-based line the record starts on (a quoted cell may span lines). */
  line: number
}

/**
 * Yields the records of CSV text one at a time (RFC 4180): comma-separated cells, double-quoted cells may hold
 * commas, line breaks and doubled quotes; LF, CRLF and lone CR end a record. Blank lines are
 * skipped. Unquoted cells are kept as written (numbers are trimmed later).
 */
export function* csvRecords(text: string, file: string): Generator<CsvRecord> {
  const n = text.length
  let i = 0
  let line = 1
  while (i < n) {
    const start = line
    const cells: string[] = []
    let blank = true
    for (;;) {
      let cell: string
      if (text[i] === '"') {
        blank = false
        ;({ cell, i, line } = quotedCell(text, i, line, file))
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new DataError(file, `unexpected ${JSON.stringify(text[i])} after a closing quote`, {
            line,
            column: cells.length + 1
          })
        }
      } else {
        let j = i
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++
        cell = text.slice(i, j)
        i = j
      }
      cells.push(cell)
      if (i < n && text[i] === ',') {
        blank = false
        i++
        continue
      }
      if (text[i] === '\r') i++
      if (text[i] === '\n') i++
      line++
      break
    }
    if (!(blank && cells[0].trim() === '')) yield { cells, line: start }
  }
}

/** Reads the quoted cell opening at text[i]; returns it unescaped and the position after it. */
function quotedCell(
  text: string,
  i: number,
  line: number,
  file: string
): { cell: string; i: number; line: number } {
  const startLine = line
  let cell = ''
  let from = i + 1
  for (;;) {
    const close = text.indexOf('"', from)
    if (close < 0) throw new DataError(file, 'a quoted cell is never closed', { line: startLine })
    const chunk = text.slice(from, close)
    line += countLineBreaks(chunk)
    cell += chunk
    if (text[close + 1] !== '"') return { cell, i: close + 1, line }
    cell += '"'
    from = close + 2
  }
}

function countLineBreaks(s: string): number {
  let count = 0
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '\n' || (s[k] === '\r' && s[k + 1] !== '\n')) count++
  }
  return count
}
