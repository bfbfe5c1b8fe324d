import type { RunRecord, SweepPoint } from '../../../contract'

/** `steps` learning rates spaced evenly in log scale from min to max, to 3 significant digits. */
export function logGrid(min: number, max: number, steps: number): number[] {
  const ratio = Math.log(max / min)
  return Array.from({ length: steps }, (_, i) =>
    Number((min * Math.exp((ratio * i) / (steps - 1))).toPrecision(3))
  )
}

const finished: readonly RunRecord['status'][] = ['completed', 'stopped', 'failed']

/** Stopped by TerminateOnNaN: its last logged epoch looks fine, but the run blew up after it. */
export function diverged(run: RunRecord): boolean {
  return /^loss became (NaN|infinite)/.test(run.stopReason ?? '')
}

/**
 * A grid run's score: the monitored value at its last epoch. A run that failed, diverged or
 * never logged the value scores +Infinity (worst); an unfinished one scores null.
 */
export function sweepPoint(run: RunRecord, learningRate: number, monitor: string): SweepPoint {
  let value: number | null = null
  if (finished.includes(run.status)) {
    const logged =
      run.status === 'failed' || diverged(run) ? undefined : run.finalMetrics?.logs[monitor]
    value = typeof logged === 'number' && Number.isFinite(logged) ? logged : Infinity
  }
  return { learningRate, runId: run.id, value, status: run.status }
}

/** The rate with the lowest score once every point has one; null while any is unfinished or all diverged. */
export function bestLearningRate(points: readonly SweepPoint[]): number | null {
  if (points.length === 0 || points.some((p) => p.value === null)) return null
  const best = points.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a))
  return Number.isFinite(best.value) ? best.learningRate : null
}
