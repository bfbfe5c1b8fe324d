/** How every view prints numbers, metrics, times and sizes: one value reads the same everywhere. */

/** A short label: plain decimals for everyday sizes, exponent notation for tiny or huge ones. */
export function formatNumber(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : v < 0 ? '−∞' : '—'
  if (v === 0) return '0'
  const a = Math.abs(v)
  if (a >= 1e5 || a < 1e-3) return v.toExponential(digits - 1).replaceAll('-', '−')
  return Number(v.toPrecision(digits)).toString().replaceAll('-', '−')
}

/** 468874 → "468,874", the same in every locale; a fraction is left as it is. */
export function groupDigits(n: number): string {
  return Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(n)
}

/** A logged value (loss, accuracy as a fraction, …) to four significant digits; '—' if absent. */
export function formatMetric(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatNumber(value, 4)
}

/** A fraction in [0, 1] as a percentage: 0.9774 → "97.7%" (one decimal unless asked for more). */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return `${(100 * value).toFixed(decimals)}%`
}

/** Keys whose values are shares in [0, 1]: accuracy, val_accuracy, binary_accuracy, acc, … */
export const isShare = (key: string): boolean => /(^|_)(accuracy|acc)$/.test(key)

/** A metric by its key: shares as percentages, everything else to four significant digits. */
export function formatScore(key: string, value: number | null | undefined): string {
  return isShare(key) ? formatPercent(value) : formatMetric(value)
}

/** "val_accuracy" → "val accuracy", "learning_rate" → "learning rate". */
export function metricLabel(key: string): string {
  return key.replace(/_/g, ' ')
}

/**
 * A logged value on the live dashboard, at a fixed width that does not jitter as it updates:
 * shares in percent to two decimals, losses to four places, the learning rate to three digits.
 */
export function formatLogValue(key: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  if (!Number.isFinite(value)) return String(value)
  if (isShare(key)) return formatPercent(value, 2)
  if (key.endsWith('learning_rate')) return value.toPrecision(3)
  if (key.endsWith('samples_per_second')) return groupDigits(Math.round(value))
  return value.toFixed(4)
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** A moment (ms since 1970) in local time, as "2025-11-29 13:51". */
export function formatDateTime(ms: number | null): string {
  if (ms === null) return '—'
  const d = new Date(ms)
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}`
  )
}

/** A span of seconds that has passed: "8.4 s", "3 min 05 s", "2 h 07 min". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const whole = Math.round(seconds)
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${pad(whole % 60)} s`
  const minutes = Math.round(whole / 60)
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`
}

/** An estimate of the time still to go, no finer than it is: "<1 s", "1 min 15 s", "1 h 2 min". */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 1) return '<1 s'
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
}

/** A file size: 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let size = bytes / 1024
  let unit = 0
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024
    unit++
  }
  return `${size.toFixed(1)} ${units[unit]}`
}
