/**
 * `fn` at most once every `ms`: the first call runs at once, calls within the next `ms` fold into
 * one trailing call at its end — a stream of events becomes a steady trickle of redraws.
 */
export interface Throttled {
  (): void
  cancel(): void
}

export function throttle(fn: () => void, ms: number): Throttled {
  let last = -Infinity
  let timer: ReturnType<typeof setTimeout> | null = null
  const run = (): void => {
    timer = null
    last = Date.now()
    fn()
  }
  const throttled = (): void => {
    if (timer !== null) return
    const wait = last + ms - Date.now()
    if (wait <= 0) run()
    else timer = setTimeout(run, wait)
  }
  throttled.cancel = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }
  return throttled
}
