/**
 * Work between turns given back to the event loop, so that a page stays responsive and
 * messages get through. Each turn costs a timer's delay (at least 1 ms in Node).
 */
export const DEFAULT_SLICE_MS = 50

/** Decides when a long loop should hand the event loop a turn: after `sliceMs` of work. */
export class Pacer {
  private last = Date.now()

  constructor(private readonly sliceMs = DEFAULT_SLICE_MS) {}

  get due(): boolean {
    return Date.now() - this.last >= this.sliceMs
  }

  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setTimeout(resolve, 0))
    this.last = Date.now()
  }
}

/** Runs a stepwise computation to the end without pausing. */
export function runAll<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}

/** Runs a stepwise computation, pausing between steps whenever the pacer says so. */
export async function runPaced<T>(steps: Generator<void, T>, pacer: Pacer): Promise<T> {
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
    if (pacer.due) await pacer.pause()
  }
}
