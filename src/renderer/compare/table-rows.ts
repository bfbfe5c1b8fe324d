/**
 * The rows of the comparison table: per run, each chosen metric's best / last / min / max over its
 * epochs, its test metrics and training time; per seed group, the mean ± std of each of those over
 * the group's runs.
 */
import type { Aggregate } from '../../contract/experiments'
import type { MetricSeries, RunDetail, RunStatus } from '../../contract/runs'
import { meanStd, summarize, type MetricSummary } from './aggregate'
import type { SeedGroupOfRuns } from './config-diff'

export const statNames = ['best', 'last', 'min', 'max'] as const
export type StatName = (typeof statNames)[number]

/** Epoch logs that describe the run's pace or schedule rather than how well it learns. */
const notScores = new Set(['learning_rate', 'samples_per_second', 'epoch_seconds'])

/** The epoch metrics worth tabulating among those logged, losses before accuracies. */
export function scoreKeys(keys: Iterable<string>): string[] {
  const rank = (k: string): number => (k.startsWith('val_') ? 1 : 0) + (/loss$/.test(k) ? 0 : 2)
  return [...new Set(keys)]
    .filter((k) => !notScores.has(k))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

export interface TableRow {
  key: string
  label: string
  runIds: number[]
  /** A run's status; groups have none. */
  status: RunStatus | null
  /** Metric → statistic → value over the row's runs (n = 1 for a run). */
  stats: Record<string, Record<StatName, Aggregate>>
  test: Record<string, Aggregate>
  trainSeconds: Aggregate
}

const single = (value: number): Aggregate =>
  Number.isFinite(value) ? { mean: value, std: 0, n: 1 } : { mean: value, std: NaN, n: 1 }

const missing: Aggregate = { mean: NaN, std: NaN, n: 0 }

/** One row per run; `epochSeries` gives a run's per-epoch series of a key. */
export function runRows(
  runs: readonly RunDetail[],
  epochSeries: (runId: number, key: string) => MetricSeries | undefined,
  metrics: readonly string[],
  testKeys: readonly string[]
): TableRow[] {
  return runs.map((run) => {
    const stats: TableRow['stats'] = {}
    for (const key of metrics) {
      const series = epochSeries(run.id, key)
      const summary: MetricSummary | null = series ? summarize(series.values, key) : null
      stats[key] = Object.fromEntries(
        statNames.map((s) => [s, summary ? single(summary[s]) : missing])
      ) as Record<StatName, Aggregate>
    }
    const test: TableRow['test'] = {}
    for (const key of testKeys) {
      const value = run.testMetrics?.[key]
      test[key] = value === undefined ? missing : single(value)
    }
    return {
      key: `run-${run.id}`,
      label: run.name,
      runIds: [run.id],
      status: run.status,
      stats,
      test,
      trainSeconds: single(run.trainSeconds)
    }
  })
}

/** Over a group's runs: mean ± std of each number the runs have (a missing one is left out). */
function combine(values: readonly Aggregate[]): Aggregate {
  return meanStd(values.filter((v) => v.n > 0).map((v) => v.mean))
}

/** One row per seed group, from the rows of its runs (indexed like the groups' members). */
export function groupRows(
  rows: readonly TableRow[],
  groups: readonly SeedGroupOfRuns[]
): TableRow[] {
  return groups.map((group, g) => {
    const members = group.members.map((i) => rows[i])
    const first = members[0]
    const stats: TableRow['stats'] = {}
    for (const key of Object.keys(first.stats)) {
      stats[key] = Object.fromEntries(
        statNames.map((s) => [s, combine(members.map((m) => m.stats[key][s]))])
      ) as Record<StatName, Aggregate>
    }
    const test: TableRow['test'] = {}
    for (const key of Object.keys(first.test)) test[key] = combine(members.map((m) => m.test[key]))
    return {
      key: `group-${g}`,
      label: group.label,
      runIds: members.flatMap((m) => m.runIds),
      status: null,
      stats,
      test,
      trainSeconds: combine(members.map((m) => m.trainSeconds))
    }
  })
}
