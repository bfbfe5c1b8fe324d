/** What a user may do with a run in each status (the runs service enforces the same rules). */
import { activeRunStatuses, type RunRecord, type RunStatus } from '../../contract/runs'

/** Queued, running and paused runs: a runner (a queue or a worker) holds them. */
export const isActiveStatus = (status: RunStatus): boolean => activeRunStatuses.includes(status)

/** Active runs can be stopped. */
export function canStop(run: Pick<RunRecord, 'status' | 'stopRequested'>): boolean {
  return isActiveStatus(run.status) && !run.stopRequested
}

/** Paused, stopped and interrupted runs can go on (a stopped run continues from its checkpoint). */
export function canResume(run: Pick<RunRecord, 'status'>): boolean {
  return run.status === 'paused' || run.status === 'stopped' || run.status === 'interrupted'
}

/** The epoch logs to show for a run: the last completed epoch's. */
export function finalLog(run: Pick<RunRecord, 'finalMetrics'>, key: string): number | null {
  return run.finalMetrics?.logs[key] ?? null
}

/** The run's accuracy-like metric on its test set, when it has one. */
export function testAccuracy(run: Pick<RunRecord, 'testMetrics'>): number | null {
  return run.testMetrics?.accuracy ?? null
}
