/** Which of stop, pause and resume a run accepts in its current state (as runs-service.ts rules). */
import type { RunRecord } from '../../contract/runs'

export interface Controls {
  stop: boolean
  pause: boolean
  resume: boolean
}

export function allowedControls(run: RunRecord): Controls {
  const { status, stopRequested, pauseRequested } = run
  const active = status === 'queued' || status === 'running' || status === 'paused'
  return {
    stop: active && !stopRequested,
    pause: status === 'running' && !pauseRequested && !stopRequested,
    resume:
      status === 'paused' ||
      (status === 'running' && pauseRequested) ||
      status === 'stopped' ||
      status === 'interrupted'
  }
}

/** Completed and failed runs are only read: nothing is left to steer. */
export const isReadOnly = (run: RunRecord): boolean =>
  run.status === 'completed' || run.status === 'failed'
