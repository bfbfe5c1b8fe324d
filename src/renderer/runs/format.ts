/** How the Runs, Models and Data views print numbers, times and sizes. */
import { formatNumber } from '../learn/plot/ticks'

/** A logged value (loss, accuracy as a fraction, …) to four significant digits; '—' when absent. */
export function formatMetric(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatNumber(value, 4)
}

/** A fraction in [0, 1] as a percentage with one decimal: 0.9774 → "97.7%". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return `${(100 * value).toFixed(1)}%`
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

/** A span of seconds: "8.4 s", "3 min 05 s", "2 h 07 min". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const whole = Math.round(seconds)
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${pad(whole % 60)} s`
  const minutes = Math.round(whole / 60)
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`
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
