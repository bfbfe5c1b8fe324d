// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, test, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import type { AppInfoOutput } from '../../src/contract/app'
import type { DescentBridge } from '../../src/contract/bridge'
import { createDescentApp, type DescentApp } from '../../src/renderer/app'
import { sections } from '../../src/renderer/router'
import { useNotificationsStore } from '../../src/renderer/stores/notifications'
import { FakeBridge, type Answers } from './support/fake-bridge'
import { cleanUpViews } from './support/mount-view'

// The Learn view draws on 2D canvases, which happy-dom lacks; it has its own tests (unit and
// end-to-end in Chromium). Here a stand-in keeps the shell's navigation test about the shell.
vi.mock('../../src/renderer/views/LearnView.vue', async () => {
  const { defineComponent, h } = await import('vue')
  const ViewIntro = (await import('../../src/renderer/components/ViewIntro.vue')).default
  return {
    default: defineComponent(() => () => h('div', { 'data-testid': 'view-learn' }, [h(ViewIntro)]))
  }
})

const info: AppInfoOutput = {
  name: 'Descent',
  version: '0.1.0-test',
  runtime: 'node',
  engineBackend: 'wasm-simd ×2 threads',
  threads: 2,
  dataFolder: '/home/ada/.descent',
  databasePath: '/home/ada/.descent/descent.sqlite',
  nodeVersion: '20.20.2',
  platform: 'linux'
}

/** A bridge answering like a healthy host, unless told otherwise. */
function fakeBridge(answers: Answers = {}): FakeBridge {
  return new FakeBridge({
    'app.info': () => info,
    'app.ping': () => ({ pong: true, time: 1 }),
    // The views list what there is when they open: an empty workbench.
    'datasets.list': () => [],
    'runs.list': () => [],
    'models.list': () => [],
    'experiments.list': () => [],
    ...answers
  })
}

let mounted: (DescentApp & { root: HTMLElement }) | undefined

async function mountApp(bridge: DescentBridge): Promise<DescentApp & { root: HTMLElement }> {
  const descent = createDescentApp(bridge, createMemoryHistory())
  const root = document.createElement('div')
  document.body.append(root)
  descent.app.mount(root)
  await descent.router.isReady()
  await flushPromises()
  mounted = { ...descent, root }
  return mounted
}

function byTestId(root: HTMLElement, id: string): HTMLElement {
  const element = root.querySelector<HTMLElement>(`[data-testid="${id}"]`)
  if (!element) throw new Error(`no element with data-testid="${id}"`)
  return element
}

const text = (root: HTMLElement, id: string): string => byTestId(root, id).textContent?.trim() ?? ''

// Like the end-to-end tests: normal operation logs no warnings or errors.
cleanUpViews(() => {
  mounted?.app.unmount()
  mounted?.root.remove()
  mounted = undefined
})

describe('App', () => {
  test('shows what app.info answers in the status bar', async () => {
    const { root } = await mountApp(fakeBridge())
    expect(text(root, 'about-version')).toBe('0.1.0-test')
    expect(text(root, 'about-backend')).toBe('wasm-simd ×2 threads')
    expect(text(root, 'about-threads')).toBe('2')
    expect(text(root, 'about-data-folder')).toBe('/home/ada/.descent')
    expect(text(root, 'about-database')).toBe('/home/ada/.descent/descent.sqlite')
    expect(text(root, 'about-runtime')).toMatch(/Node web host · Node 20\.20\.2 · linux/)
  })

  test('pings at start and on demand, showing the round trip in ms', async () => {
    const bridge = fakeBridge()
    const { root } = await mountApp(bridge)
    expect(byTestId(root, 'ping-result').dataset.state).toBe('ok')
    expect(text(root, 'ping-result')).toMatch(/^\d+(\.\d)? ms$/)

    byTestId(root, 'ping-button').click()
    await flushPromises()
    expect(bridge.inputs('app.ping')).toHaveLength(2)
    expect(byTestId(root, 'ping-result').dataset.state).toBe('ok')
  })

  test('starts on Build and navigates to every view from the side navigation', async () => {
    const { root, router } = await mountApp(fakeBridge())
    expect(router.currentRoute.value.name).toBe('build')
    expect(text(root, 'view-title')).toBe('Build')

    for (const { name, title } of sections) {
      byTestId(root, `nav-${name}`).click()
      await flushPromises()
      expect(router.currentRoute.value.name).toBe(name)
      expect(text(root, 'view-title')).toBe(title)
      expect(root.querySelector(`[data-testid="view-${name}"]`)).not.toBeNull()
      expect(byTestId(root, `nav-${name}`).getAttribute('aria-current')).toBe('page')
      expect(document.title).toBe(`${title} · Descent`)
    }
  })

  test('follows the desktop menu: an app.navigate event opens that view', async () => {
    const bridge = fakeBridge()
    const { root, router } = await mountApp(bridge)
    bridge.emit('app.navigate', { view: 'learn' })
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('learn')
    expect(text(root, 'view-title')).toBe('Learn')
  })

  test('an unknown address lands on Build', async () => {
    const { root, router } = await mountApp(fakeBridge())
    await router.push('/no/such/view')
    await flushPromises()
    expect(text(root, 'view-title')).toBe('Build')
  })

  test('a failed call shows a dismissible notification, and app info can be retried', async () => {
    const bridge = fakeBridge({
      'app.info': () =>
        Promise.reject({
          code: 'INTERNAL',
          message: 'database is locked',
          details: { retryable: true }
        }),
      'app.ping': () => Promise.reject({ code: 'INTERNAL', message: 'connection lost' })
    })
    const { root } = await mountApp(bridge)

    const notices = [...root.querySelectorAll<HTMLElement>('[data-testid="notification"]')]
    expect(
      notices.map((n) => n.querySelector('[data-testid="notification-message"]')?.textContent)
    ).toEqual(expect.arrayContaining(['database is locked', 'connection lost']))
    expect(byTestId(root, 'ping-result').dataset.state).toBe('failed')
    const locked = notices.find((n) => n.textContent?.includes('database is locked'))
    expect(locked?.querySelector('[data-testid="notification-code"]')?.textContent).toBe('INTERNAL')
    expect(locked?.textContent).toContain('app.info')
    expect(locked?.querySelector('[data-testid="notification-details"]')?.textContent).toContain(
      '"retryable": true'
    )

    locked?.querySelector<HTMLElement>('[data-testid="notification-dismiss"]')?.click()
    await flushPromises()
    expect(root.querySelectorAll('[data-testid="notification"]')).toHaveLength(1)
    expect(root.textContent).not.toContain('database is locked')

    bridge.answers['app.info'] = () => info
    byTestId(root, 'about-retry').click()
    await flushPromises()
    expect(text(root, 'about-version')).toBe('0.1.0-test')

    byTestId(root, 'notification-dismiss').click()
    await flushPromises()
    expect(root.querySelector('[data-testid="notification"]')).toBeNull()
  })

  test('the theme switch sets the page theme and marks the chosen mode', async () => {
    const { root } = await mountApp(fakeBridge())
    byTestId(root, 'theme-dark').click()
    await flushPromises()
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(byTestId(root, 'theme-dark').getAttribute('aria-pressed')).toBe('true')
    expect(byTestId(root, 'theme-auto').getAttribute('aria-pressed')).toBe('false')

    byTestId(root, 'theme-light').click()
    await flushPromises()
    expect(document.documentElement.dataset.theme).toBe('light')
  })

  test('errors Vue catches become notifications too', async () => {
    const { app, pinia } = await mountApp(fakeBridge())
    const consoleError = vi.mocked(console.error).mockImplementation(() => {})
    const thrown = new Error('render blew up')
    app.config.errorHandler?.(thrown, null, 'render function')
    expect(useNotificationsStore(pinia).notices).toMatchObject([
      { code: 'INTERNAL', message: 'render blew up', context: 'Unexpected error' }
    ])
    expect(consoleError.mock.calls).toEqual([[thrown]])
    consoleError.mockClear()
  })
})
