import type { CallInput, CallName, CallOutput } from './calls'
import type { EventName, EventPayload } from './events'

/**
 * What the renderer sees, whichever door it talks through: the Electron preload exposes exactly
 * this object as `window.descent`; in a plain browser a WebSocket client implements the same.
 * A failed call rejects with an ApiErrorShape ({ code, message, details? }).
 */
export interface DescentBridge {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>
  /** Subscribe to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void
}

/** IPC: one invoke channel per contract call (generated from the table), one channel for events. */
export const ipcChannels = {
  call: (name: string): string => `descent:call:${name}`,
  event: 'descent:event'
} as const

/** What an IPC call handler returns: errors travel as data, since Electron flattens thrown ones. */
export type IpcResult =
  { ok: true; result: unknown } | { ok: false; error: import('./errors').ApiErrorShape }
