import type { Aggregate, OptimizerChoice, RunRecord, RunSpec, SeedGroup } from '../../../contract'
import { hyperparameterPairs } from '../runs/run-name'

/** "adam beta_1=0.9 lr=0.001": an optimizer and the hyperparameters it was given, sorted. */
export function optimizerLabel(optimizer: OptimizerChoice): string {
  return [optimizer.name, ...hyperparameterPairs(optimizer.config).sort()].join(' ')
}

/** JSON with sorted keys, so equal specs give equal strings. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a.localeCompare(b)
    )
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** Mean and sample standard deviation (n − 1; 0 for a single value). */
export function aggregate(values: readonly number[]): Aggregate {
  const n = values.length
  const mean = values.reduce((s, v) => s + v, 0) / n
  const variance = n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0
  return { mean, std: Math.sqrt(variance), n }
}

/** A completed run's final epoch logs plus its test metrics as test_*. */
function finalLogs(run: RunRecord): Record<string, number> {
  const logs: Record<string, number> = { ...(run.finalMetrics?.logs ?? {}) }
  for (const [key, value] of Object.entries(run.testMetrics ?? {})) logs[`test_${key}`] = value
  return logs
}

/**
 * Runs whose specs are equal but for the seed form a group; each group's completed runs are
 * summarised metric by metric as mean ± std. Groups keep the order of their first run.
 */
export function seedGroups(runs: readonly { run: RunRecord; spec: RunSpec }[]): SeedGroup[] {
  const groups = new Map<string, { group: SeedGroup; logs: Record<string, number>[] }>()
  for (const { run, spec } of runs) {
    const { seed, ...rest } = spec
    const key = canonical(rest)
    let entry = groups.get(key)
    if (!entry) {
      entry = {
        group: {
          label: optimizerLabel(spec.optimizer),
          optimizer: spec.optimizer,
          runIds: [],
          seeds: [],
          final: {}
        },
        logs: []
      }
      groups.set(key, entry)
    }
    entry.group.runIds.push(run.id)
    entry.group.seeds.push(seed)
    if (run.status === 'completed') entry.logs.push(finalLogs(run))
  }
  return [...groups.values()].map(({ group, logs }) => {
    const keys = new Set(logs.flatMap((l) => Object.keys(l)))
    for (const key of keys) {
      const values = logs.map((l) => l[key]).filter((v) => Number.isFinite(v))
      if (values.length) group.final[key] = aggregate(values)
    }
    return group
  })
}
