/** A task that many events may ask for, run one at a time and never more often than needed. */
export interface Coalesced {
  /** Ask for a run: now if idle, else once more after the current one. */
  request(): void
  /** Drop pending requests and refuse new ones (the component went away). */
  cancel(): void
}

/**
 * Runs an async task on request, never two at once and starts at least `gapMs` apart: requests
 * that arrive meanwhile fold into one more run afterwards, so the last request is always
 * honoured and the rest cost nothing. Refreshing a list on every event and asking for
 * predictions while a digit is drawn both work this way. A failing task rejects as usual (the
 * app's global handler reports it); later requests still run.
 */
export function coalesce(task: () => Promise<void>, gapMs = 0): Coalesced {
  let running = false
  let wanted = false
  let cancelled = false
  let lastStart = -Infinity
  let timer: ReturnType<typeof setTimeout> | undefined

  function pump(): void {
    if (cancelled || running || timer !== undefined || !wanted) return
    const wait = lastStart + gapMs - Date.now()
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = undefined
        pump()
      }, wait)
      return
    }
    wanted = false
    running = true
    lastStart = Date.now()
    void task().finally(() => {
      running = false
      pump()
    })
  }

  return {
    request() {
      wanted = true
      pump()
    },
    cancel() {
      cancelled = true
      clearTimeout(timer)
    }
  }
}
