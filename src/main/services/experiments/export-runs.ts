import type { Database } from 'better-sqlite3'
import type { ExportedRuns, RunRecord } from '../../../contract'
import { readSeries } from '../../store/metrics-table'
import { findRunSpec } from '../../store/runs-table'

const csvColumns = [
  'run_id',
  'run_name',
  'experiment_id',
  'role',
  'optimizer',
  'seed',
  'key',
  'step',
  'epoch',
  'value',
  'wall_time'
]

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value)
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Runs and their metrics as one file: CSV in long form (one row per logged value, as MLflow
 * stores them) or JSON (each run with its spec and its series).
 */
export function exportRuns(
  db: Database,
  runs: readonly RunRecord[],
  format: 'csv' | 'json',
  granularity: 'epoch' | 'step'
): ExportedRuns {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  if (format === 'json') {
    const content = JSON.stringify(
      {
        exportedAt: new Date().toISOString(),
        granularity,
        runs: runs.map((run) => ({
          ...run,
          spec: findRunSpec(db, run.id),
          series: readSeries(db, run.id, { granularity })
        }))
      },
      (_key, value: unknown) =>
        typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
      2
    )
    return { format, fileName: `descent-runs-${stamp}.json`, content }
  }
  const lines = [csvColumns.join(',')]
  for (const run of runs) {
    const prefix = [run.id, run.name, run.experimentId, run.role, run.optimizer, run.seed]
      .map(csvCell)
      .join(',')
    for (const series of readSeries(db, run.id, { granularity })) {
      for (let i = 0; i < series.steps.length; i++) {
        lines.push(
          `${prefix},${[series.key, series.steps[i], series.epochs[i], series.values[i], series.wallTimes[i]].map(csvCell).join(',')}`
        )
      }
    }
  }
  return { format, fileName: `descent-runs-${stamp}.csv`, content: lines.join('\n') + '\n' }
}
