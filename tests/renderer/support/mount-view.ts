/**
 * A view mounted as the app shows it: inside a RouterView on a memory router that knows every
 * view's route (the others are empty stand-ins), with Pinia and the fake bridge provided. The
 * console is watched too: normal operation logs no warnings or errors.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, beforeEach, expect, vi, type MockInstance } from 'vitest'
import { defineComponent, h, type Component } from 'vue'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import type { DescentBridge } from '../../../src/contract/bridge'
import { viewNames } from '../../../src/contract/events'
import { apiKey } from '../../../src/renderer/api/inject'

export interface MountedView {
  wrapper: VueWrapper
  router: Router
  /** The element with this data-testid (throws when there is none). */
  get(testId: string): HTMLElement
  find(testId: string): HTMLElement | null
  text(testId: string): string
}

const standIn = (name: string) =>
  defineComponent(() => () => h('div', { 'data-testid': `stub-${name}` }))

const mounted = new Set<VueWrapper>()

/** Mounts `view` at `path` (e.g. '/models?model=3'); `stubs` replace components inside it. */
export async function mountView(
  view: Component,
  path: string,
  bridge: DescentBridge,
  stubs: Record<string, Component> = {}
): Promise<MountedView> {
  const here = path.split('?')[0]
  const router = createRouter({
    history: createMemoryHistory(),
    routes: viewNames.map((name) => ({
      path: `/${name}`,
      name,
      component: `/${name}` === here ? view : standIn(name),
      meta: { title: name }
    }))
  })
  await router.push(path)
  await router.isReady()
  const App = defineComponent(() => () => h('main', [h(RouterView)]))
  const wrapper = mount(App, {
    attachTo: document.body,
    global: { plugins: [createPinia(), router], provide: { [apiKey as symbol]: bridge }, stubs }
  })
  mounted.add(wrapper)
  await flushPromises()
  const find = (testId: string) =>
    document.body.querySelector<HTMLElement>(`[data-testid="${testId}"]`)
  const get = (testId: string) => {
    const element = find(testId)
    if (!element) throw new Error(`no element with data-testid="${testId}"`)
    return element
  }
  return { wrapper, router, find, get, text: (testId) => get(testId).textContent?.trim() ?? '' }
}

/** Unmounts a view before the test ends (the rest are unmounted after each test). */
export function unmount(view: MountedView): void {
  view.wrapper.unmount()
  mounted.delete(view.wrapper)
}

/**
 * After each test of the file: real timers back, mocks restored, views unmounted (and whatever
 * else `unmountMore` takes down), and the test fails if anything logged a warning or an error.
 */
export function cleanUpViews(unmountMore: () => void = () => {}): void {
  let spies: MockInstance[] = []
  beforeEach(() => {
    spies = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')]
  })
  afterEach(() => {
    const logged = spies.flatMap((spy) => spy.mock.calls)
    vi.useRealTimers()
    vi.restoreAllMocks()
    mounted.forEach((wrapper) => wrapper.unmount())
    mounted.clear()
    unmountMore()
    expect(logged).toEqual([])
  })
}

/** Sets a file input's chosen file and tells the page, as a user picking a file does. */
export async function chooseFile(input: HTMLElement, file: File): Promise<void> {
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}

export async function click(element: HTMLElement): Promise<void> {
  element.click()
  await flushPromises()
}

/** Types into a text field, as a user would. */
export async function type(element: HTMLElement, value: string): Promise<void> {
  ;(element as HTMLInputElement).value = value
  element.dispatchEvent(new Event('input'))
  await flushPromises()
}

/** The element with this data-testid inside the wrapper, for test-utils' setValue and trigger. */
export const byTestId = (wrapper: VueWrapper, id: string) => wrapper.get(`[data-testid="${id}"]`)
