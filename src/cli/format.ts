import { createInterface } from 'node:readline/promises'

/** A plain-text table: a header row, then the rows, columns padded (numbers to the right). */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))]
  const widths = header.map((_, c) => Math.max(...cells.map((row) => row[c].length)))
  const right = header.map(
    (_, c) => rows.length > 0 && rows.every((row) => typeof row[c] === 'number')
  )
  return cells
    .map((row) =>
      row
        .map((cell, c) => (right[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}

export const fixed = (value: number | null | undefined, digits = 4): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits)

/** Asks on the terminal; without one, the answer is no (scripts say --yes). */
export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
  } finally {
    rl.close()
  }
}

/** Minutes, as the models listing shows them (UTC). */
export const when = (ms: number | null): string =>
  ms === null ? '' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ')
