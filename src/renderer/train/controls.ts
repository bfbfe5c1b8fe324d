/** Which of stop, pause and resume a run accepts in its current state (as runs-service.ts rules). */
import type { RunRecord } from '../../contract/runs'
import { canResume, canStop } from '../runs/run-actions'

export interface Controls {
  stop: boolean
  pause: boolean
  resume: boolean
}

export function allowedControls(run: RunRecord): Controls {
  const { status, stopRequested, pauseRequested } = run
  const running = status === 'running'
  return {
    stop: canStop(run),
    pause: running && !pauseRequested && !stopRequested,
    // A pause asked for but not yet reached can be taken back.
    resume: canResume(run) || (running && pauseRequested)
  }
}

/** Completed and failed runs are only read: nothing is left to steer. */
export const isReadOnly = (run: RunRecord): boolean =>
  run.status === 'completed' || run.status === 'failed'
