/** The experiments table: a named group of runs (a comparison, a seed group, a sweep). */
import type { Database } from 'better-sqlite3'
import type { ExperimentKind, ExperimentRecord, RunStatus } from '../../contract'

interface ExperimentRow {
  id: number
  name: string
  kind: ExperimentKind
  config: string
  created_at: number
}

export interface StoredExperiment extends ExperimentRecord {
  config: Record<string, unknown>
}

export function insertExperiment(
  db: Database,
  experiment: { name: string; kind: ExperimentKind; config: Record<string, unknown>; now: number }
): number {
  const result = db
    .prepare('INSERT INTO experiments (name, kind, config, created_at) VALUES (?, ?, ?, ?)')
    .run(experiment.name, experiment.kind, JSON.stringify(experiment.config), experiment.now)
  return Number(result.lastInsertRowid)
}

export function updateExperimentConfig(
  db: Database,
  id: number,
  config: Record<string, unknown>
): void {
  db.prepare('UPDATE experiments SET config = ? WHERE id = ?').run(JSON.stringify(config), id)
}

function statusCounts(
  db: Database,
  id: number
): { total: number; counts: ExperimentRecord['statusCounts'] } {
  const rows = db
    .prepare('SELECT status, COUNT(*) AS n FROM runs WHERE experiment_id = ? GROUP BY status')
    .all(id) as { status: RunStatus; n: number }[]
  const counts: ExperimentRecord['statusCounts'] = {}
  let total = 0
  for (const row of rows) {
    counts[row.status] = row.n
    total += row.n
  }
  return { total, counts }
}

function toRecord(db: Database, row: ExperimentRow): StoredExperiment {
  const { total, counts } = statusCounts(db, row.id)
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    createdAt: row.created_at,
    runCount: total,
    statusCounts: counts,
    config: JSON.parse(row.config) as Record<string, unknown>
  }
}

export function findExperiment(db: Database, id: number): StoredExperiment | undefined {
  const row = db.prepare('SELECT * FROM experiments WHERE id = ?').get(id) as
    ExperimentRow | undefined
  return row && toRecord(db, row)
}

/** Newest first. */
export function listExperiments(db: Database): StoredExperiment[] {
  const rows = db
    .prepare('SELECT * FROM experiments ORDER BY created_at DESC, id DESC')
    .all() as ExperimentRow[]
  return rows.map((row) => toRecord(db, row))
}

/** Deletes the experiment and (by cascade) its runs, their metrics and checkpoints. */
export function deleteExperiment(db: Database, id: number): boolean {
  return db.prepare('DELETE FROM experiments WHERE id = ?').run(id).changes > 0
}
