/**
 * A bridge for view tests: calls answered by the test's handlers (every call recorded), events
 * emitted by the test, and a view mounted on it with Pinia and a memory router.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { defineComponent, h, type Component } from 'vue'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import type { DescentBridge } from '../../../src/contract/bridge'
import type { CallInput, CallName, CallOutput } from '../../../src/contract/calls'
import type { EventName, EventPayload } from '../../../src/contract/events'
import { apiKey } from '../../../src/renderer/api/inject'

type Handler<N extends CallName> = (input: CallInput<N>) => CallOutput<N> | Promise<CallOutput<N>>
export type Answers = { [N in CallName]?: Handler<N> }

export class FakeBridge implements DescentBridge {
  readonly calls: { name: CallName; input: unknown }[] = []
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>()

  constructor(readonly answers: Answers = {}) {}

  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    this.calls.push({ name, input })
    const answer = this.answers[name] as Handler<N> | undefined
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
    this.listeners.get(event)?.forEach((handler) => (handler as (p: EventPayload<E>) => void)(payload))
  }

  /** The inputs of every call of this name so far. */
  inputsOf<N extends CallName>(name: N): CallInput<N>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input as CallInput<N>)
  }
}

const Empty = defineComponent(() => () => h('div'))

export interface MountedView {
  wrapper: VueWrapper
  router: Router
}

/** Mounts `view` at `path` (its route: /build or /train; the other views are empty stand-ins). */
export async function mountView(
  view: Component,
  bridge: DescentBridge,
  path: string,
  stubs: Record<string, Component> = {}
): Promise<MountedView> {
  const routePath = path.split('?')[0]
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['/build', '/train', '/compare', '/models'].map((p) => ({
      path: p,
      component: p === routePath ? view : Empty,
      meta: { title: p.slice(1) }
    }))
  })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(
    defineComponent(() => () => h(RouterView)),
    {
      global: { plugins: [createPinia(), router], provide: { [apiKey as symbol]: bridge }, stubs },
      attachTo: document.body
    }
  )
  await flushPromises()
  return { wrapper, router }
}

export function byTestId(wrapper: VueWrapper, id: string) {
  return wrapper.get(`[data-testid="${id}"]`)
}
