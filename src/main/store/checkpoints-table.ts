/**
 * A run's checkpoints: 'latest' (every epoch end: what a resume restores), 'best' (the epoch
 * with the best monitored value) and 'final' (the weights when training ended or was stopped).
 */
import type { Database } from 'better-sqlite3'
import type { History, RngSnapshot } from '../../engine/model'
import type { OptimizerState } from '../../engine/optimizers'
import {
  decodeFloat32List,
  decodeOptimizerState,
  encodeFloat32List,
  encodeOptimizerState
} from './codec'

export type CheckpointKind = 'latest' | 'best' | 'final'

export interface Checkpoint {
  /** Epochs completed, so the epoch a resume starts from. */
  epoch: number
  /** Global step (updates so far). */
  step: number
  weights: Float32Array[]
  optimizerState: OptimizerState
  /** The model's Rng after the last completed epoch's shuffling and dropout. */
  rng: RngSnapshot
  /** Every completed epoch's logs, from the run's start. */
  history: History
  trainSeconds: number
}

interface CheckpointRow {
  epoch: number
  step: number
  weights: Buffer
  optimizer_state: Buffer
  rng_state: string
  history: string
  train_seconds: number
}

/** Writes (replacing) a run's checkpoint of this kind. */
export function saveCheckpoint(
  db: Database,
  runId: number,
  kind: CheckpointKind,
  checkpoint: Checkpoint,
  now = Date.now()
): void {
  db.prepare(
    `INSERT INTO checkpoints (run_id, kind, epoch, step, weights, optimizer_state, rng_state,
       history, train_seconds, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, kind) DO UPDATE SET epoch = excluded.epoch, step = excluded.step,
       weights = excluded.weights, optimizer_state = excluded.optimizer_state,
       rng_state = excluded.rng_state, history = excluded.history,
       train_seconds = excluded.train_seconds, created_at = excluded.created_at`
  ).run(
    runId,
    kind,
    checkpoint.epoch,
    checkpoint.step,
    encodeFloat32List(checkpoint.weights),
    encodeOptimizerState(checkpoint.optimizerState),
    JSON.stringify(checkpoint.rng),
    JSON.stringify(checkpoint.history),
    checkpoint.trainSeconds,
    now
  )
}

export function loadCheckpoint(
  db: Database,
  runId: number,
  kind: CheckpointKind
): Checkpoint | undefined {
  const row = db
    .prepare(
      `SELECT epoch, step, weights, optimizer_state, rng_state, history, train_seconds
       FROM checkpoints WHERE run_id = ? AND kind = ?`
    )
    .get(runId, kind) as CheckpointRow | undefined
  if (!row) return undefined
  return {
    epoch: row.epoch,
    step: row.step,
    weights: decodeFloat32List(row.weights),
    optimizerState: decodeOptimizerState(row.optimizer_state),
    rng: JSON.parse(row.rng_state) as RngSnapshot,
    history: JSON.parse(row.history) as History,
    trainSeconds: row.train_seconds
  }
}

export function deleteCheckpoint(db: Database, runId: number, kind: CheckpointKind): void {
  db.prepare('DELETE FROM checkpoints WHERE run_id = ? AND kind = ?').run(runId, kind)
}
