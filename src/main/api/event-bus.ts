import { EventEmitter } from 'node:events'
import type { EventName, EventPayload } from '../../contract'

type Listener = (event: EventName, payload: unknown) => void

/** Events from services to every open door (Electron windows, WebSocket clients). */
export class EventBus {
  private readonly emitter = new EventEmitter()

  constructor() {
    this.emitter.setMaxListeners(0)
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', event, payload)
  }

  /** Receive every event; returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void {
    this.emitter.on('event', listener)
    return () => this.emitter.off('event', listener)
  }
}
