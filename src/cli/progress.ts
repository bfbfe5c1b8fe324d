import type { Callback, Logs } from '../engine/callbacks/callback'

/** Seconds as Keras prints them: "12s", "1m 05s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?'
  if (seconds < 60) return `${Math.round(seconds)}s`
  const m = Math.floor(seconds / 60)
  return `${m}m ${String(Math.round(seconds - m * 60)).padStart(2, '0')}s`
}

export function formatLogs(logs: Logs, keys: string[]): string {
  return keys
    .filter((k) => logs[k] !== undefined)
    .map((k) => `${k}: ${Number(logs[k]).toFixed(4)}`)
    .join(' - ')
}

function bar(done: number, total: number, width = 24): string {
  const filled = Math.min(width, Math.floor((done / total) * width))
  return (
    '[' +
    '='.repeat(Math.max(0, filled - 1)) +
    (filled > 0 ? (done >= total ? '=' : '>') : '') +
    '.'.repeat(width - filled) +
    ']'
  )
}

export interface ProgressOptions {
  epochs: number
  steps: number
  /** Where the live bar goes (a TTY); null = no live bar. */
  live: NodeJS.WriteStream | null
  /** Where the per-epoch lines go. */
  print: (line: string) => void
}

/**
 * Keras-like console progress: a live bar per epoch (step, ETA, running loss and metrics) and
 * one line per finished epoch with its time, train and validation numbers.
 */
export function progressCallback(options: ProgressOptions): Callback {
  let epochStart = 0
  let lastDraw = 0
  let seen = 0
  const sums: Record<string, number> = {}
  return {
    onEpochBegin(epoch) {
      epochStart = performance.now()
      seen = 0
      for (const k of Object.keys(sums)) delete sums[k]
      options.print(`Epoch ${epoch + 1}/${options.epochs}`)
    },
    onBatchEnd(step, logs) {
      const size = logs.size ?? 1
      seen += size
      for (const [k, v] of Object.entries(logs))
        if (k !== 'size' && k !== 'batch') sums[k] = (sums[k] ?? 0) + v * size
      const now = performance.now()
      if (!options.live || (now - lastDraw < 100 && step + 1 < options.steps)) return
      lastDraw = now
      const done = step + 1
      const elapsed = (now - epochStart) / 1000
      const eta = (elapsed / done) * (options.steps - done)
      const running: Logs = {}
      for (const [k, v] of Object.entries(sums)) running[k] = v / seen
      const line = `${done}/${options.steps} ${bar(done, options.steps)} - ETA: ${formatDuration(eta)} - ${formatLogs(running, Object.keys(running))}`
      options.live.write(`\r${line.slice(0, (options.live.columns || 120) - 1)}\x1b[K`)
    },
    onEpochEnd(_epoch, logs) {
      if (options.live) options.live.write('\r\x1b[K')
      const seconds = (performance.now() - epochStart) / 1000
      const perStep = ((seconds * 1000) / options.steps).toFixed(0)
      const keys = Object.keys(logs).filter((k) => k !== 'learning_rate')
      options.print(
        `${options.steps}/${options.steps} - ${formatDuration(seconds)} - ${perStep}ms/step - ${formatLogs(logs, keys)}`
      )
    }
  }
}
