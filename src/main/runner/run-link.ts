/**
 * A training worker's line to the database for its one run: batched metric writes, the
 * heartbeat, the stop/pause requests other processes leave in the run's row, and the
 * transactions that keep a run consistent whenever the process dies (each epoch's metrics,
 * checkpoint and progress land together, or not at all).
 */
import type { Database } from 'better-sqlite3'
import type { RunRecord, RunStatus } from '../../contract'
import { deleteCheckpoint, saveCheckpoint, type Checkpoint } from '../store/checkpoints-table'
import { deleteMetricsAfter, metricWriter, type MetricPoint } from '../store/metrics-table'
import { findRun, updateRun, type RunChanges } from '../store/runs-table'

/** Batch metrics wait at most this long, or this many rows, before they are written. */
const FLUSH_MS = 250
const FLUSH_ROWS = 500
export const HEARTBEAT_MS = 2000
const POLL_MS = 500

export interface EpochCommit {
  points: MetricPoint[]
  latest: Checkpoint
  /** Set when this epoch is the best so far. */
  best: Checkpoint | null
  changes: RunChanges
}

export class RunLink {
  /** What other processes asked for, as of the last poll. */
  readonly requests = { stop: false, pause: false }
  private readonly pending: MetricPoint[] = []
  private readonly write: (points: readonly MetricPoint[]) => void
  private lastFlush: number
  private lastBeat: number
  private lastPoll: number

  constructor(
    private readonly db: Database,
    readonly runId: number,
    private readonly clock: () => number = Date.now
  ) {
    this.write = metricWriter(db, runId)
    this.lastFlush = this.lastBeat = this.lastPoll = clock()
  }

  /** queued → running, owned by this process; undefined when the run is no longer queued. */
  claim(): RunRecord | undefined {
    const run = findRun(this.db, this.runId)
    if (!run) return undefined
    const now = this.clock()
    const claimed = updateRun(
      this.db,
      this.runId,
      {
        status: 'running',
        startedAt: run.startedAt ?? now,
        ownerPid: process.pid,
        heartbeatAt: now
      },
      ['queued']
    )
    if (!claimed) return undefined
    this.poll()
    return run
  }

  /** Forgets what followed the checkpoint at `step` (a partial epoch, a stale final snapshot). */
  discardAfter(step: number): void {
    this.db.transaction(() => {
      deleteMetricsAfter(this.db, this.runId, step)
      deleteCheckpoint(this.db, this.runId, 'final')
    })()
  }

  add(point: MetricPoint): void {
    this.pending.push(point)
  }

  /** Between batches: writes, beats and polls when each is due. */
  tick(stepsDone: number): void {
    const now = this.clock()
    if (this.pending.length >= FLUSH_ROWS || now - this.lastFlush >= FLUSH_MS) this.flush()
    if (now - this.lastBeat >= HEARTBEAT_MS) this.heartbeat(stepsDone)
    if (now - this.lastPoll >= POLL_MS) this.poll()
  }

  flush(): void {
    this.lastFlush = this.clock()
    if (this.pending.length === 0) return
    const points = this.pending.splice(0)
    this.db.transaction(() => this.write(points))()
  }

  heartbeat(stepsDone?: number): void {
    this.lastBeat = this.clock()
    updateRun(this.db, this.runId, { heartbeatAt: this.lastBeat, stepsDone })
  }

  poll(): void {
    this.lastPoll = this.clock()
    const row = this.db
      .prepare('SELECT stop_requested AS stop, pause_requested AS pause FROM runs WHERE id = ?')
      .get(this.runId) as { stop: number; pause: number } | undefined
    // A row that vanished cannot be trained on: treat it as a stop.
    this.requests.stop = !row || row.stop !== 0
    this.requests.pause = !!row && row.pause !== 0
  }

  /** One transaction: the pending batch points, the epoch's points, its checkpoints and progress. */
  commitEpoch(commit: EpochCommit): void {
    const now = this.clock()
    this.db.transaction(() => {
      this.write(this.pending.splice(0))
      this.write(commit.points)
      saveCheckpoint(this.db, this.runId, 'latest', commit.latest, now)
      if (commit.best) saveCheckpoint(this.db, this.runId, 'best', commit.best, now)
      updateRun(this.db, this.runId, { ...commit.changes, heartbeatAt: now })
    })()
    this.lastFlush = this.lastBeat = now
  }

  /** Which kernels this session trains with (app.info's name for them). */
  setEngine(engine: string): void {
    updateRun(this.db, this.runId, { engine })
  }

  setStatus(status: RunStatus): void {
    updateRun(this.db, this.runId, { status, heartbeatAt: this.clock() })
  }

  /** The end: pending points, the final snapshot (if any) and the outcome, together. */
  finish(changes: RunChanges, final: Checkpoint | null): void {
    const now = this.clock()
    this.db.transaction(() => {
      this.write(this.pending.splice(0))
      if (final) saveCheckpoint(this.db, this.runId, 'final', final, now)
      updateRun(this.db, this.runId, {
        ...changes,
        finishedAt: now,
        heartbeatAt: now,
        stopRequested: false,
        pauseRequested: false
      })
    })()
  }
}
