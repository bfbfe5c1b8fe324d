/**
 * The chosen runs as the URL keeps them, so a comparison can be linked and reloaded:
 * ?runs=1,2,3 for runs picked one by one, ?experiment=5 for an experiment's runs.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router'

export type Selection = { kind: 'runs'; runIds: number[] } | { kind: 'experiment'; id: number }

const first = (value: LocationQuery[string]): string =>
  (Array.isArray(value) ? value[0] : value) ?? ''

const positiveInteger = (text: string): number | null =>
  /^\d+$/.test(text.trim()) && Number(text) > 0 ? Number(text) : null

/** The selection a route's query names; ids that are not positive whole numbers are ignored. */
export function readSelection(query: LocationQuery): Selection {
  const experiment = positiveInteger(first(query.experiment))
  if (experiment !== null) return { kind: 'experiment', id: experiment }
  const ids = first(query.runs)
    .split(',')
    .map(positiveInteger)
    .filter((id): id is number => id !== null)
  return { kind: 'runs', runIds: [...new Set(ids)] }
}

/** The query for a selection, keeping the route's other parameters (e.g. ?from=build). */
export function selectionQuery(query: LocationQuery, selection: Selection): LocationQueryRaw {
  const { runs: _runs, experiment: _experiment, ...rest } = query
  if (selection.kind === 'experiment') return { ...rest, experiment: String(selection.id) }
  if (selection.runIds.length === 0) return rest
  return { ...rest, runs: selection.runIds.join(',') }
}

/** The runs picked one by one with `id` added or removed. */
export function toggled(runIds: readonly number[], id: number, on: boolean): number[] {
  const without = runIds.filter((r) => r !== id)
  return on ? [...without, id] : without
}
