/** Work spread over animation frames, so that long computations and animations never freeze the page. */

export interface Stoppable {
  stop(): void
}

/** Calls tick once per animation frame until it returns false or stop() is called. */
export function animate(tick: () => boolean): Stoppable {
  let handle = requestAnimationFrame(function frame() {
    if (tick()) handle = requestAnimationFrame(frame)
  })
  return { stop: () => cancelAnimationFrame(handle) }
}

/**
 * Advances iterator for about budgetMs per frame until it is done, then hands its return value
 * to done. stop() abandons it.
 */
export function iterateInFrames<T>(
  iterator: Iterator<unknown, T>,
  done: (result: T) => void,
  budgetMs = 12
): Stoppable {
  return animate(() => {
    const until = performance.now() + budgetMs
    do {
      const next = iterator.next()
      if (next.done) {
        done(next.value)
        return false
      }
    } while (performance.now() < until)
    return true
  })
}
