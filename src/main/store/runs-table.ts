/** The runs table: one row a training run, read and written by the service and the worker. */
import type { Database } from 'better-sqlite3'
import {
  activeRunStatuses,
  type EpochSummary,
  type MetricLogs,
  type RunRecord,
  type RunSpec,
  type RunStatus
} from '../../contract'

interface RunRow {
  id: number
  experiment_id: number | null
  name: string
  dataset: string
  optimizer: string
  spec: string
  seed: number
  status: RunStatus
  role: string | null
  initial_model_id: number | null
  created_at: number
  started_at: number | null
  finished_at: number | null
  train_seconds: number
  epochs_done: number
  steps_done: number
  final_metrics: string | null
  best_metrics: string | null
  test_metrics: string | null
  stop_reason: string | null
  error: string | null
  owner_pid: number | null
  heartbeat_at: number | null
  stop_requested: number
  pause_requested: number
  engine: string | null
}

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T))

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    name: row.name,
    dataset: row.dataset,
    optimizer: row.optimizer,
    seed: row.seed,
    status: row.status,
    role: row.role,
    initialModelId: row.initial_model_id,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    trainSeconds: row.train_seconds,
    epochs: (JSON.parse(row.spec) as RunSpec).epochs,
    epochsDone: row.epochs_done,
    stepsDone: row.steps_done,
    finalMetrics: parse<EpochSummary>(row.final_metrics),
    bestMetrics: parse<EpochSummary>(row.best_metrics),
    testMetrics: parse<MetricLogs>(row.test_metrics),
    stopReason: row.stop_reason,
    error: row.error,
    ownerPid: row.owner_pid,
    heartbeatAt: row.heartbeat_at,
    stopRequested: row.stop_requested !== 0,
    pauseRequested: row.pause_requested !== 0,
    engine: row.engine
  }
}

export interface NewRun {
  spec: RunSpec
  name: string
  experimentId?: number
  role?: string
  initialModelId?: number
  ownerPid: number
  now: number
}

/** Inserts a queued run held by `ownerPid`; returns its id. */
export function insertRun(db: Database, run: NewRun): number {
  const result = db
    .prepare(
      `INSERT INTO runs (experiment_id, name, dataset, optimizer, spec, seed, status, role,
         initial_model_id, created_at, owner_pid, heartbeat_at)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)`
    )
    .run(
      run.experimentId ?? null,
      run.name,
      run.spec.data.dataset,
      run.spec.optimizer.name,
      JSON.stringify(run.spec),
      run.spec.seed,
      run.role ?? null,
      run.initialModelId ?? null,
      run.now,
      run.ownerPid,
      run.now
    )
  return Number(result.lastInsertRowid)
}

export function findRun(db: Database, id: number): RunRecord | undefined {
  const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined
  return row && toRecord(row)
}

export function findRunSpec(db: Database, id: number): RunSpec | undefined {
  const row = db.prepare('SELECT spec FROM runs WHERE id = ?').get(id) as
    { spec: string } | undefined
  return row && (JSON.parse(row.spec) as RunSpec)
}

export interface RunFilter {
  status?: RunStatus[]
  dataset?: string
  optimizer?: string
  experimentId?: number
  search?: string
  limit: number
  offset: number
}

/** Newest first. */
export function listRuns(db: Database, filter: RunFilter): RunRecord[] {
  const where: string[] = []
  const params: (string | number)[] = []
  if (filter.status?.length) {
    where.push(`status IN (${filter.status.map(() => '?').join(', ')})`)
    params.push(...filter.status)
  }
  if (filter.dataset !== undefined) {
    where.push('dataset = ?')
    params.push(filter.dataset)
  }
  if (filter.optimizer !== undefined) {
    where.push('optimizer = ?')
    params.push(filter.optimizer)
  }
  if (filter.experimentId !== undefined) {
    where.push('experiment_id = ?')
    params.push(filter.experimentId)
  }
  if (filter.search !== undefined) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    where.push(
      "(name LIKE ? ESCAPE '\\' OR dataset LIKE ? ESCAPE '\\' OR optimizer LIKE ? ESCAPE '\\')"
    )
    params.push(pattern, pattern, pattern)
  }
  const sql =
    'SELECT * FROM runs' +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ' ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?'
  const rows = db.prepare(sql).all(...params, filter.limit, filter.offset) as RunRow[]
  return rows.map(toRecord)
}

/** Columns a service or worker may change, by their record names. */
export interface RunChanges {
  status?: RunStatus
  startedAt?: number | null
  finishedAt?: number | null
  trainSeconds?: number
  epochsDone?: number
  stepsDone?: number
  finalMetrics?: EpochSummary | null
  bestMetrics?: EpochSummary | null
  testMetrics?: MetricLogs | null
  stopReason?: string | null
  error?: string | null
  ownerPid?: number | null
  heartbeatAt?: number | null
  stopRequested?: boolean
  pauseRequested?: boolean
  engine?: string | null
}

const columns: Record<keyof RunChanges, string> = {
  status: 'status',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  trainSeconds: 'train_seconds',
  epochsDone: 'epochs_done',
  stepsDone: 'steps_done',
  finalMetrics: 'final_metrics',
  bestMetrics: 'best_metrics',
  testMetrics: 'test_metrics',
  stopReason: 'stop_reason',
  error: 'error',
  ownerPid: 'owner_pid',
  heartbeatAt: 'heartbeat_at',
  stopRequested: 'stop_requested',
  pauseRequested: 'pause_requested',
  engine: 'engine'
}

function toColumnValue(value: unknown): string | number | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  return JSON.stringify(value)
}

/**
 * Applies `changes` to run `id`, only while its status is one of `onlyIf` when given (a guarded
 * transition); returns whether a row changed.
 */
export function updateRun(
  db: Database,
  id: number,
  changes: RunChanges,
  onlyIf?: readonly RunStatus[]
): boolean {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [
    keyof RunChanges,
    unknown
  ][]
  if (entries.length === 0) return false
  const sets = entries.map(([key]) => `${columns[key]} = ?`).join(', ')
  const guard = onlyIf ? ` AND status IN (${onlyIf.map(() => '?').join(', ')})` : ''
  const result = db
    .prepare(`UPDATE runs SET ${sets} WHERE id = ?${guard}`)
    .run(...entries.map(([, v]) => toColumnValue(v)), id, ...(onlyIf ?? []))
  return result.changes > 0
}

export interface HeldRunRow {
  id: number
  ownerPid: number | null
  heartbeatAt: number | null
}

/** Runs some runner holds (queued, running, paused), with what recovery needs to judge them. */
export function heldRuns(db: Database): HeldRunRow[] {
  return db
    .prepare(
      `SELECT id, owner_pid AS ownerPid, heartbeat_at AS heartbeatAt FROM runs
       WHERE status IN (${activeRunStatuses.map(() => '?').join(', ')})`
    )
    .all(...activeRunStatuses) as HeldRunRow[]
}

/**
 * Marks a held run interrupted, unless it changed since it was read (another process resumed
 * it meanwhile: a new owner or a fresh heartbeat).
 */
export function markInterrupted(db: Database, run: HeldRunRow): boolean {
  const result = db
    .prepare(
      `UPDATE runs SET status = 'interrupted', owner_pid = NULL
       WHERE id = ? AND owner_pid IS ? AND heartbeat_at IS ?
         AND status IN (${activeRunStatuses.map(() => '?').join(', ')})`
    )
    .run(run.id, run.ownerPid, run.heartbeatAt, ...activeRunStatuses)
  return result.changes > 0
}

/** Deletes a run; its metrics and checkpoints go with it (ON DELETE CASCADE). */
export function deleteRun(db: Database, id: number): boolean {
  return db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0
}
