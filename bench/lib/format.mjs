// Small formatting helpers for the bench's plain-text tables.

export const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** `x` to about `digits` significant digits ('—' when there is no number). */
export function sig(x, digits = 3) {
  if (x == null || !Number.isFinite(x)) return '—'
  const magnitude = Math.floor(Math.log10(Math.abs(x) || 1))
  return x.toFixed(Math.max(0, digits - 1 - magnitude))
}

export const thousands = (x) => (x == null ? '—' : Math.round(x).toLocaleString('en-US'))

/** Rows of cells under `headers`: the first and last columns left-aligned, the others right-aligned. */
export function table(headers, rows) {
  const left = (i) => i === 0 || i === headers.length - 1
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells) =>
    cells
      .map((cell, i) =>
        left(i) ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i])
      )
      .join('  ')
      .trimEnd()
  return [line(headers), ...rows.map(line)].join('\n')
}
