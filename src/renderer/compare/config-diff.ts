/**
 * What sets runs apart: each spec flattened into named fields, the fields whose values differ
 * across the chosen runs, and runs that differ only in their seed gathered into seed groups.
 */
import type { RunSpec } from '../../contract/runs'
import { optimizerDefaults } from '../../engine/optimizers'
import { formatLayerText, type LayerSpec } from '../../engine/spec'

export interface ConfigCell {
  text: string
  /** Not in the spec: the optimizer's Keras default (or '—' where the key does not apply). */
  implied: boolean
}

export interface ConfigColumn {
  key: string
  label: string
  /** One cell per spec, in the order given. */
  cells: ConfigCell[]
}

/** Fields that only say which random numbers a run drew. */
export const seedKeys: readonly string[] = ['seed', 'data.seed']

const labels: Record<string, string> = {
  'data.dataset': 'data set',
  'data.limit': 'limit',
  'data.samples': 'samples',
  'data.seed': 'data seed',
  'data.labels': 'labels',
  'data.test': 'test set',
  'data.testLabels': 'test labels',
  batchSize: 'batch size',
  validationSplit: 'validation split',
  'optimizer.learning_rate': 'lr',
  'optimizer.weight_decay': 'wd'
}

const show = (value: unknown): string =>
  value === undefined || value === null
    ? '—'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value)

/** Layers as the command line writes them; a chosen initializer follows in brackets. */
export function formatLayers(layers: readonly LayerSpec[]): string {
  return layers
    .map((l) =>
      l.kind === 'dense' && l.initializer
        ? `${formatLayerText(l)} [${l.initializer}]`
        : formatLayerText(l)
    )
    .join(',')
}

const explicit = (text: string): ConfigCell => ({ text, implied: false })

/** The Keras defaults of an optimizer by key; none for a name the engine does not know. */
function defaultsOf(name: string): Map<string, unknown> {
  try {
    return new Map(optimizerDefaults(name).map((row) => [row.key, row.default]))
  } catch {
    return new Map()
  }
}

/**
 * Every field of every spec as a column. Hyperparameters appear when some spec sets them, and the
 * learning rate always; specs that leave one out show its default, marked as implied.
 */
export function configColumns(specs: readonly RunSpec[]): ConfigColumn[] {
  const plain = new Map<string, ConfigCell[]>()
  const put = (key: string, i: number, cell: ConfigCell): void => {
    if (!plain.has(key))
      plain.set(
        key,
        specs.map(() => explicit('—'))
      )
    plain.get(key)![i] = cell
  }
  const hyperparameters = new Set<string>(['learning_rate'])
  specs.forEach((spec, i) => {
    for (const [key, value] of Object.entries(spec.data))
      put(`data.${key}`, i, explicit(show(value)))
    put('layers', i, explicit(formatLayers(spec.layers)))
    put('loss', i, explicit(spec.loss))
    put('metrics', i, explicit(spec.metrics.join(', ')))
    put('optimizer', i, explicit(spec.optimizer.name))
    for (const key of Object.keys(spec.optimizer.config)) hyperparameters.add(key)
    put('epochs', i, explicit(String(spec.epochs)))
    put('batchSize', i, explicit(String(spec.batchSize)))
    put('seed', i, explicit(String(spec.seed)))
    put('validationSplit', i, explicit(show(spec.validationSplit)))
  })
  for (const key of hyperparameters) {
    specs.forEach((spec, i) => {
      const given = spec.optimizer.config[key]
      if (given !== undefined) return put(`optimizer.${key}`, i, explicit(show(given)))
      const defaults = defaultsOf(spec.optimizer.name)
      put(`optimizer.${key}`, i, {
        text: defaults.has(key) ? show(defaults.get(key)) : '—',
        implied: true
      })
    })
  }
  return [...plain].map(([key, cells]) => ({
    key,
    label: labels[key] ?? key.replace(/^(data|optimizer)\./, ''),
    cells
  }))
}

/** The columns whose values are not all the same: what a comparison varies. */
export function configDifferences(specs: readonly RunSpec[]): ConfigColumn[] {
  return configColumns(specs).filter((c) => new Set(c.cells.map((cell) => cell.text)).size > 1)
}

export interface SeedGroupOfRuns {
  /** What its runs share and other groups do not, e.g. "adam · lr=0.001". */
  label: string
  /** Indexes into the runs given, in their order. */
  members: number[]
}

/**
 * Runs whose specs agree in everything but their seeds, in order of first appearance. Each group is
 * labelled by the differing fields it holds, leaving seeds out.
 */
export function groupBySeed(specs: readonly RunSpec[]): SeedGroupOfRuns[] {
  const columns = configColumns(specs).filter((c) => !seedKeys.includes(c.key))
  const identity = (i: number): string => JSON.stringify(columns.map((c) => c.cells[i].text))
  const groups = new Map<string, number[]>()
  specs.forEach((_, i) => {
    const key = identity(i)
    groups.set(key, [...(groups.get(key) ?? []), i])
  })
  const varying = columns.filter((c) => new Set(c.cells.map((cell) => cell.text)).size > 1)
  return [...groups.values()].map((members) => {
    const first = members[0]
    const parts = varying.map((c) =>
      c.key === 'optimizer' ? c.cells[first].text : `${c.label}=${c.cells[first].text}`
    )
    return {
      label: parts.length ? parts.join(' · ') : specs[first].optimizer.name,
      members
    }
  })
}
