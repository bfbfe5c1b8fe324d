import type { DatasetsEvents } from './datasets'
import type { ExperimentsEvents } from './experiments'
import type { ModelsEvents } from './models'
import type { RunsEvents } from './runs'

/** Events pushed from main to every window and browser tab; each family declares its own. */
export interface Events extends RunsEvents, ExperimentsEvents, ModelsEvents, DatasetsEvents {
  /** Sent once when a door is ready; mostly useful to tests. */
  'app.ready': { time: number }
  /** The desktop menu (or a shortcut) asks the window to show a view. */
  'app.navigate': { view: ViewName }
}

export const viewNames = ['build', 'train', 'compare', 'runs', 'models', 'data', 'learn'] as const
export type ViewName = (typeof viewNames)[number]

export type EventName = keyof Events
export type EventPayload<E extends EventName> = Events[E]

/** Every event name, checked complete by the compiler. */
const eventNameSet: Record<EventName, true> = {
  'app.ready': true,
  'app.navigate': true,
  'run.progress': true,
  'run.epoch': true,
  'run.status': true,
  'models.changed': true,
  'datasets.changed': true,
  'experiment.updated': true
}
export const eventNames = Object.keys(eventNameSet) as EventName[]

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as string[]).includes(name)
}
