import type { Database } from 'better-sqlite3'
import { ApiError } from '../../../contract/errors'
import type { RunSpec } from '../../../contract/runs'
import { loadCheckpoint, type Checkpoint } from '../../store/checkpoints-table'
import { findRun, findRunSpec } from '../../store/runs-table'

export interface RunCheckpoint {
  run: { id: number; name: string; dataset: string; spec: RunSpec }
  checkpoint: Checkpoint
}

/**
 * A run and the checkpoint a model is saved from: for 'final', the weights training ended with
 * ('final'), or while the run has none yet its last epoch end ('latest'); for 'best', 'best'.
 */
export function readRunCheckpoint(
  db: Database,
  runId: number,
  which: 'final' | 'best'
): RunCheckpoint {
  const run = findRun(db, runId)
  const spec = findRunSpec(db, runId)
  if (!run || !spec) throw new ApiError('NOT_FOUND', `no run with id ${runId}`)
  const checkpoint =
    which === 'best'
      ? loadCheckpoint(db, runId, 'best')
      : (loadCheckpoint(db, runId, 'final') ?? loadCheckpoint(db, runId, 'latest'))
  if (!checkpoint) {
    throw new ApiError(
      'CONFLICT',
      `run ${runId} (${run.status}) has no ${which} checkpoint to save a model from`
    )
  }
  return { run: { id: run.id, name: run.name, dataset: run.dataset, spec }, checkpoint }
}
