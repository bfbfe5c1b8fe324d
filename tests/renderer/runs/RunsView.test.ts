// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest'
import type { RunRecord } from '../../../src/contract/runs'
import RunsView from '../../../src/renderer/views/RunsView.vue'
import { apiError, FakeBridge, type Answers } from '../support/fake-bridge'
import { datasetInfo, runRecord } from '../support/fixtures'
import { cleanUpViews, click, mountView, unmount } from '../support/mount-view'

const completed = runRecord({
  id: 1,
  name: 'mnist · adam',
  finalMetrics: { epoch: 4, logs: { loss: 0.123456, accuracy: 0.9651 } },
  testMetrics: { loss: 0.13, accuracy: 0.9602 },
  trainSeconds: 185
})
const running = runRecord({ id: 2, name: 'moons · sgd', status: 'running', epochsDone: 2 })
const interrupted = runRecord({ id: 3, status: 'interrupted', epochsDone: 1 })

cleanUpViews()

async function open(answers: Answers = {}) {
  let runs: RunRecord[] = [completed, running, interrupted]
  const api = new FakeBridge({
    'runs.list': () => runs,
    'datasets.list': () => [datasetInfo({ name: 'mnist' }), datasetInfo({ name: 'moons' })],
    'app.training': () => ({
      cores: 2,
      concurrency: 1,
      threads: null,
      threadsPerRun: 2,
      engineBackend: 'wasm-relaxed-simd ×2 threads'
    }),
    ...answers
  })
  const view = await mountView(RunsView, '/runs', api)
  return { api, view, setRuns: (next: RunRecord[]) => (runs = next) }
}

describe('the Runs view', () => {
  test('shows each run: status, epochs, final and test metrics, time; opens it in Train', async () => {
    const { view } = await open()
    expect(view.text('runs-count')).toBe('3 runs')
    expect(view.get('run-row-1').dataset.status).toBe('completed')
    expect(view.text('run-status-2')).toBe('running')
    expect(view.text('run-epochs-2')).toBe('2 / 5')
    expect(view.text('run-loss-1')).toBe('0.1235')
    expect(view.text('run-accuracy-1')).toBe('96.5%')
    expect(view.text('run-test-accuracy-1')).toBe('96.0%')
    expect(view.text('run-test-accuracy-2')).toBe('—')
    expect(view.get('run-row-1').textContent).toContain('3 min 05 s')
    expect(view.get('run-open-1').getAttribute('href')).toBe('/train?run=1')
    // How the runs share the cores is set below the list (tested on its own).
    expect(view.text('training-effective')).toContain('×2 threads')
  })

  test('offers what each status allows: stop a live run, resume a cut-short one', async () => {
    const { view } = await open()
    expect(view.find('run-stop-2')).not.toBeNull()
    expect(view.find('run-resume-2')).toBeNull()
    expect(view.find('run-resume-3')).not.toBeNull()
    expect(view.find('run-stop-3')).toBeNull()
    expect(view.find('run-stop-1')).toBeNull()
    expect(view.find('run-resume-1')).toBeNull()
  })

  test('search and filters become the runs.list query', async () => {
    const { api, view } = await open()
    const filterOptions = [...view.get('runs-filter-dataset').querySelectorAll('option')]
    expect(filterOptions.map((o) => o.value)).toEqual(['', 'mnist', 'moons'])

    const search = view.get('runs-search') as HTMLInputElement
    search.value = '  adam '
    search.dispatchEvent(new Event('input'))
    const status = view.get('runs-filter-status') as HTMLSelectElement
    status.value = 'completed'
    status.dispatchEvent(new Event('change'))
    const optimizer = view.get('runs-filter-optimizer') as HTMLSelectElement
    optimizer.value = 'adam'
    optimizer.dispatchEvent(new Event('change'))
    await vi.waitFor(() =>
      expect(api.inputs('runs.list').at(-1)).toEqual({
        search: 'adam',
        status: 'completed',
        optimizer: 'adam'
      })
    )
  })

  test('follows status events from any door', async () => {
    const { api, view, setRuns } = await open()
    setRuns([{ ...running, status: 'completed', epochsDone: 5 }])
    api.emit('run.status', { id: 2, status: 'completed' })
    await vi.waitFor(() => expect(view.text('run-status-2')).toBe('completed'))
    expect(view.text('runs-count')).toBe('1 run')
  })

  test('stop and resume ask the service', async () => {
    const { api, view } = await open({
      'runs.stop': ({ id }) => ({ ...running, id, stopRequested: true }),
      'runs.resume': ({ id }) => ({ ...interrupted, id, status: 'queued' })
    })
    await click(view.get('run-stop-2'))
    await click(view.get('run-resume-3'))
    expect(api.inputs('runs.stop')).toEqual([{ id: 2 }])
    expect(api.inputs('runs.resume')).toEqual([{ id: 3 }])
  })

  test('delete asks first; Cancel keeps the run', async () => {
    const { api, view } = await open({ 'runs.delete': ({ id }) => ({ id, deleted: true }) })
    const dialog = view.get('confirm-dialog') as HTMLDialogElement
    expect(dialog.open).toBe(false)
    await click(view.get('run-delete-1'))
    expect(dialog.open).toBe(true)
    expect(view.text('confirm-message')).toContain('mnist · adam')
    await click(view.get('confirm-cancel'))
    expect(dialog.open).toBe(false)
    expect(api.inputs('runs.delete')).toEqual([])

    await click(view.get('run-delete-1'))
    await click(view.get('confirm-accept'))
    expect(api.inputs('runs.delete')).toEqual([{ id: 1 }])
  })

  test('a refused delete shows the service’s reason in the run’s row', async () => {
    const { view } = await open({
      'runs.delete': () => apiError('CONFLICT', 'run 2 is running: stop it before deleting it')
    })
    await click(view.get('run-delete-2'))
    await click(view.get('confirm-accept'))
    expect(view.text('run-error-2')).toBe('run 2 is running: stop it before deleting it')
  })

  test('says so when there are no runs, and when the list cannot be had', async () => {
    const empty = await open({ 'runs.list': () => [] })
    expect(empty.view.find('runs-empty')).not.toBeNull()
    unmount(empty.view)
    const broken = await open({ 'runs.list': () => apiError('INTERNAL', 'database is locked') })
    expect(broken.view.text('runs-load-error')).toContain('database is locked')
  })
})
