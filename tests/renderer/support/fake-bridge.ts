/**
 * The bridge every view test mounts on: calls answered by the test's handlers (each call
 * recorded, an unanswered one refused like an unknown call) and events emitted by the test as
 * the host would.
 */
import type { DescentBridge } from '../../../src/contract/bridge'
import type { CallInput, CallName, CallOutput } from '../../../src/contract/calls'
import type { EventName, EventPayload } from '../../../src/contract/events'

type Answer<N extends CallName> = (input: CallInput<N>) => CallOutput<N> | Promise<CallOutput<N>>
export type Answers = { [N in CallName]?: Answer<N> }

export class FakeBridge implements DescentBridge {
  readonly calls: { name: CallName; input: unknown }[] = []
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>()

  /** The answers may be changed while the test runs. */
  constructor(readonly answers: Answers = {}) {}

  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    this.calls.push({ name, input })
    const answer = this.answers[name] as Answer<N> | undefined
    if (!answer) return Promise.reject({ code: 'UNKNOWN_CALL', message: name })
    return Promise.resolve().then(() => answer(input))
  }

  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set()
    this.listeners.set(event, set)
    set.add(handler as (payload: never) => void)
    return () => set.delete(handler as (payload: never) => void)
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.listeners
      .get(event)
      ?.forEach((handler) => (handler as (p: EventPayload<E>) => void)(payload))
  }

  /** The inputs of every call of this name so far, in order. */
  inputs<N extends CallName>(name: N): CallInput<N>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input as CallInput<N>)
  }
}

/** An API error as the doors deliver it (a rejected call): throw it from an answer. */
export const apiError = (code: string, message: string, details?: unknown): never => {
  throw details === undefined ? { code, message } : { code, message, details }
}
