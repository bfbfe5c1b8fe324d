/** The metrics table, as MLflow keeps them: (run, key, step, epoch, value, wall time). */
import type { Database } from 'better-sqlite3'
import { batchKeyPrefix, type MetricSeries } from '../../contract'

export interface MetricPoint {
  key: string
  /** Global step (updates so far) when the value was logged. */
  step: number
  /** The epoch it belongs to, from 0. */
  epoch: number
  /** null for NaN: SQLite has no NaN. */
  value: number | null
  /** Seconds since 1970. */
  wallTime: number
}

/** A prepared writer for one run's points; call it inside a transaction to batch them. */
export function metricWriter(
  db: Database,
  runId: number
): (points: readonly MetricPoint[]) => void {
  const insert = db.prepare(
    'INSERT INTO metrics (run_id, key, step, epoch, value, wall_time) VALUES (?, ?, ?, ?, ?, ?)'
  )
  return (points) => {
    for (const p of points) {
      insert.run(runId, p.key, p.step, p.epoch, Number.isNaN(p.value) ? null : p.value, p.wallTime)
    }
  }
}

/** Forgets the points logged after `step` (a partial epoch that a resumed run will redo). */
export function deleteMetricsAfter(db: Database, runId: number, step: number): void {
  db.prepare('DELETE FROM metrics WHERE run_id = ? AND step > ?').run(runId, step)
}

export interface SeriesQuery {
  /** Exact keys; default every key of the granularity. */
  keys?: readonly string[]
  granularity: 'epoch' | 'step'
  afterStep?: number
}

/** Per-batch keys carry the batch_ prefix; a step query may name them without it. */
function stepKey(key: string): string {
  return key.startsWith(batchKeyPrefix) ? key : batchKeyPrefix + key
}

export function readSeries(db: Database, runId: number, query: SeriesQuery): MetricSeries[] {
  const params: (string | number)[] = [runId, query.afterStep ?? -1]
  let keyClause: string
  if (query.keys) {
    const keys = query.granularity === 'step' ? query.keys.map(stepKey) : [...query.keys]
    keyClause = `key IN (${keys.map(() => '?').join(', ')})`
    params.push(...keys)
  } else {
    keyClause = `key ${query.granularity === 'step' ? '' : 'NOT '}LIKE ? ESCAPE '\\'`
    params.push(`${batchKeyPrefix.replace(/_/g, '\\_')}%`)
  }
  const rows = db
    .prepare(
      `SELECT key, step, epoch, value, wall_time AS wallTime FROM metrics
       WHERE run_id = ? AND step > ? AND ${keyClause} ORDER BY key, step`
    )
    .all(...params) as MetricPoint[]
  const series = new Map<string, MetricSeries>()
  for (const row of rows) {
    let s = series.get(row.key)
    if (!s) {
      s = { key: row.key, steps: [], epochs: [], values: [], wallTimes: [] }
      series.set(row.key, s)
    }
    s.steps.push(row.step)
    s.epochs.push(row.epoch)
    s.values.push(row.value)
    s.wallTimes.push(row.wallTime)
  }
  return [...series.values()]
}
