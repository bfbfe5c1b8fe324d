/** Events pushed from main to every window and browser tab. Later families add theirs here. */
export interface Events {
  /** Sent once when a door is ready; mostly useful to tests. */
  'app.ready': { time: number }
  /** The desktop menu (or a shortcut) asks the window to show a view. */
  'app.navigate': { view: ViewName }
}

export const viewNames = ['build', 'train', 'compare', 'runs', 'models', 'data', 'learn'] as const
export type ViewName = (typeof viewNames)[number]

export type EventName = keyof Events
export type EventPayload<E extends EventName> = Events[E]

export const eventNames: EventName[] = ['app.ready', 'app.navigate']

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as string[]).includes(name)
}
