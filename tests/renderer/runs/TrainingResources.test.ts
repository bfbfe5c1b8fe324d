// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, test } from 'vitest'
import type { AppInfoOutput, TrainingSettings } from '../../../src/contract/app'
import TrainingResources from '../../../src/renderer/runs/TrainingResources.vue'
import { useAppInfoStore } from '../../../src/renderer/stores/appInfo'
import { apiError, FakeBridge, type Answers } from '../support/fake-bridge'
import { cleanUpViews, mountView, type MountedView } from '../support/mount-view'

cleanUpViews()

const settings = (changes: Partial<TrainingSettings> = {}): TrainingSettings => ({
  cores: 2,
  concurrency: 1,
  threads: null,
  threadsPerRun: 2,
  engineBackend: 'wasm-relaxed-simd ×2 threads',
  ...changes
})

const appInfo = (threads: number, engineBackend: string): AppInfoOutput => ({
  name: 'Descent',
  version: '0.1.0',
  runtime: 'node',
  engineBackend,
  threads,
  dataFolder: '/data',
  databasePath: '/data/descent.db',
  nodeVersion: '20.19.0',
  platform: 'linux-x64'
})

async function open(stored: TrainingSettings, answers: Answers = {}) {
  const api = new FakeBridge({ 'app.training': () => stored, ...answers })
  const view = await mountView(TrainingResources, '/runs', api)
  return { api, view }
}

/** Each option of a select as "label" or "label (disabled)". */
const optionsOf = (view: MountedView, testId: string): string[] =>
  [...(view.get(testId) as HTMLSelectElement).options].map(
    (o) => `${o.textContent!.trim()}${o.disabled ? ' (disabled)' : ''}`
  )

const selected = (view: MountedView, testId: string): string => {
  const select = view.get(testId) as HTMLSelectElement
  return select.options[select.selectedIndex].textContent!.trim()
}

/** Picks an option by its label, as a user does; returns before the call is answered. */
function choose(view: MountedView, testId: string, label: string): void {
  const select = view.get(testId) as HTMLSelectElement
  const option = [...select.options].find((o) => o.textContent!.trim() === label)
  if (!option) throw new Error(`no option "${label}" in ${testId}`)
  select.selectedIndex = option.index
  select.dispatchEvent(new Event('change'))
}

describe('the Training resources panel', () => {
  test('on 2 cores: one or two runs at once, automatic or 1 or 2 threads, all of them fit', async () => {
    const { view } = await open(settings())
    expect(view.get('training-resources').getAttribute('aria-label')).toBe('Training resources')
    expect(optionsOf(view, 'training-concurrency')).toEqual(['1', '2'])
    expect(optionsOf(view, 'training-threads')).toEqual(['Automatic (2)', '1', '2'])
    expect(selected(view, 'training-concurrency')).toBe('1')
    expect(selected(view, 'training-threads')).toBe('Automatic (2)')
    expect(view.text('training-effective')).toBe('Runs started now: wasm-relaxed-simd ×2 threads')
    expect(view.text('training-cores')).toMatch(/^This machine has 2 cores/)
    expect(view.find('training-error')).toBeNull()
  })

  test('on 4 cores with 2 runs at once: threads that would ask for more than 4 are disabled', async () => {
    const { view } = await open(settings({ cores: 4, concurrency: 2 }))
    expect(optionsOf(view, 'training-concurrency')).toEqual(['1', '2', '3', '4'])
    expect(optionsOf(view, 'training-threads')).toEqual([
      'Automatic (2)',
      '1',
      '2',
      '3 (disabled)',
      '4 (disabled)'
    ])
  })

  test('with threads per run set, runs at once that would not fit are disabled', async () => {
    const { view } = await open(settings({ cores: 4, concurrency: 1, threads: 2 }))
    expect(selected(view, 'training-threads')).toBe('2')
    expect(optionsOf(view, 'training-concurrency')).toEqual([
      '1',
      '2',
      '3 (disabled)',
      '4 (disabled)'
    ])
    expect(optionsOf(view, 'training-threads')[0]).toBe('Automatic (4)')
  })

  test('a choice sends just that field, shows what the server stored and reloads the status bar', async () => {
    let threads = 2
    const { api, view } = await open(settings(), {
      'app.setTraining': (input) =>
        settings({
          threads: input.threads,
          threadsPerRun: input.threads ?? 2,
          engineBackend: input.threads === 1 ? 'wasm-relaxed-simd' : 'wasm-relaxed-simd ×2 threads'
        }),
      'app.info': () => appInfo(threads, threads === 1 ? 'wasm-relaxed-simd' : 'x2')
    })
    threads = 1
    choose(view, 'training-threads', '1')
    await flushPromises()
    expect(api.inputs('app.setTraining')).toEqual([{ threads: 1 }])
    expect(selected(view, 'training-threads')).toBe('1')
    // A backend name without its threads gets them added: the line always says how many.
    expect(view.text('training-effective')).toBe('Runs started now: wasm-relaxed-simd, 1 thread')
    expect(api.inputs('app.info')).toHaveLength(1)
    expect(useAppInfoStore().info?.threads).toBe(1)

    threads = 2
    choose(view, 'training-threads', 'Automatic (2)')
    await flushPromises()
    expect(api.inputs('app.setTraining')).toEqual([{ threads: 1 }, { threads: null }])
    expect(view.text('training-effective')).toBe('Runs started now: wasm-relaxed-simd ×2 threads')
    expect(api.inputs('app.info')).toHaveLength(2)
    expect(useAppInfoStore().info?.threads).toBe(2)
  })

  test('runs at once is sent alone too; the selects wait while the call is under way', async () => {
    let answer: (value: TrainingSettings) => void = () => {}
    const { api, view } = await open(settings(), {
      'app.setTraining': () => new Promise((resolve) => (answer = resolve)),
      'app.info': () => appInfo(1, 'wasm-relaxed-simd')
    })
    choose(view, 'training-concurrency', '2')
    await flushPromises()
    expect(api.inputs('app.setTraining')).toEqual([{ concurrency: 2 }])
    expect((view.get('training-concurrency') as HTMLSelectElement).disabled).toBe(true)
    expect((view.get('training-threads') as HTMLSelectElement).disabled).toBe(true)
    // The automatic share follows the runs at once being asked for.
    expect(optionsOf(view, 'training-threads')[0]).toBe('Automatic (1)')

    answer(settings({ concurrency: 2, threadsPerRun: 1, engineBackend: 'wasm-relaxed-simd' }))
    await flushPromises()
    expect((view.get('training-concurrency') as HTMLSelectElement).disabled).toBe(false)
    expect((view.get('training-threads') as HTMLSelectElement).disabled).toBe(false)
    expect(selected(view, 'training-concurrency')).toBe('2')
    expect(view.text('training-effective')).toBe('Runs started now: wasm-relaxed-simd, 1 thread')
  })

  test('a refusal shows the server’s reason and re-reads what is really stored', async () => {
    const reason =
      '2 runs at once with 2 threads each would need 4 cores; this machine has 2 cores.'
    const { api, view } = await open(settings({ threads: 2 }), {
      'app.setTraining': () => apiError('BAD_INPUT', reason),
      'app.info': () => appInfo(2, 'x2')
    })
    // The option is disabled here, but a server that knows better (or a stale page) may refuse.
    choose(view, 'training-concurrency', '2')
    await flushPromises()
    expect(api.inputs('app.setTraining')).toEqual([{ concurrency: 2 }])
    const error = view.get('training-error')
    expect(error.getAttribute('role')).toBe('alert')
    expect(error.textContent!.trim()).toBe(reason)
    expect(api.inputs('app.training')).toHaveLength(2)
    expect(selected(view, 'training-concurrency')).toBe('1')
    expect(selected(view, 'training-threads')).toBe('2')
    expect(api.inputs('app.info')).toHaveLength(0)
    expect((view.get('training-concurrency') as HTMLSelectElement).disabled).toBe(false)
  })

  test('the error goes once a later change is accepted', async () => {
    let refuse = true
    const { view } = await open(settings(), {
      'app.setTraining': (input) =>
        refuse ? apiError('BAD_INPUT', 'no') : settings({ threads: input.threads }),
      'app.info': () => appInfo(2, 'x2')
    })
    choose(view, 'training-threads', '2')
    await flushPromises()
    expect(view.text('training-error')).toBe('no')
    refuse = false
    choose(view, 'training-threads', '2')
    await flushPromises()
    expect(view.find('training-error')).toBeNull()
  })

  test('says so when the settings cannot be read', async () => {
    const { view } = await open(settings(), {
      'app.training': () => apiError('INTERNAL', 'database is locked')
    })
    expect(view.text('training-load-error')).toContain('database is locked')
    expect(view.find('training-concurrency')).toBeNull()
  })
})
