// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import type { ExperimentDetail } from '../../../src/contract/experiments'
import type { RunDetail } from '../../../src/contract/runs'
import CompareView from '../../../src/renderer/views/CompareView.vue'
import { FakeBridge, type Answers } from '../support/fake-bridge'
import { epochSeries, mnistInfo, runDetail, runSpec } from '../support/fixtures'
import { cleanUpViews, mountView, type MountedView } from '../support/mount-view'

/** A finished two-epoch run of the quick spec with this optimizer at its defaults. */
function run(id: number, optimizer: string, seed = 1): RunDetail {
  return runDetail(
    {
      id,
      name: `mnist · ${optimizer}`,
      optimizer,
      seed,
      trainSeconds: 10,
      epochs: 2,
      epochsDone: 2,
      stepsDone: 20,
      testMetrics: { loss: 0.5, accuracy: 0.8 }
    },
    runSpec({ optimizer: { name: optimizer, config: {} }, seed })
  )
}

/** A sweep's run: SGD at one learning rate. */
function atRate(id: number, learningRate: number): RunDetail {
  const sgd = run(id, 'sgd')
  return {
    ...sgd,
    spec: { ...sgd.spec, optimizer: { name: 'sgd', config: { learning_rate: learningRate } } }
  }
}
const runs: Record<number, RunDetail> = {
  1: run(1, 'sgd', 1),
  2: run(2, 'adam', 1),
  3: run(3, 'sgd', 2),
  4: run(4, 'adam', 2),
  5: atRate(5, 0.01),
  6: atRate(6, 0.1)
}
const losses: Record<number, number[]> = {
  1: [0.9, 0.7],
  2: [0.6, 0.4],
  3: [1.1, 0.9],
  4: [0.5, 0.3],
  5: [0.8, 0.6],
  6: [2, NaN]
}

function answers(more: Answers = {}): Answers {
  return {
    'datasets.list': () => [mnistInfo],
    'runs.list': () => Object.values(runs),
    'experiments.list': () => [],
    'runs.get': ({ id }) => {
      if (!runs[id]) throw { code: 'NOT_FOUND', message: `no run #${id}` }
      return runs[id]
    },
    'runs.metrics': ({ id, granularity = 'epoch' }) => ({
      id,
      granularity,
      series:
        granularity === 'epoch'
          ? [epochSeries('loss', losses[id]), epochSeries('accuracy', [0.5, 0.6])]
          : [epochSeries('batch_loss', [1, 0.8, 0.7])]
    }),
    ...more
  }
}

let wrapper: VueWrapper | undefined
cleanUpViews()

async function open(api: FakeBridge, path: string): Promise<MountedView> {
  const view = await mountView(CompareView, path, api)
  wrapper = view.wrapper
  return view
}

const byId = (id: string) => wrapper!.find(`[data-testid="${id}"]`)
const texts = (selector: string) => wrapper!.findAll(selector).map((w) => w.text())

describe('the Compare view', () => {
  it('shows the runs named in the URL: two lines, two rows, the optimizer and lr highlighted', async () => {
    const api = new FakeBridge(answers())
    await open(api, '/compare?runs=1,2')
    await flushPromises()
    expect(byId('compare-chart').attributes('data-lines')).toBe('2')
    expect(texts('[data-testid="compare-legend-item"]')).toEqual([
      'mnist · sgd #1',
      'mnist · adam #2'
    ])
    expect(byId('compare-table').findAll('tbody tr')).toHaveLength(2)
    expect(byId('compare-diff-optimizer').classes()).toContain('cmp-diff')
    expect(byId('compare-cell-0-optimizer').text()).toBe('sgd')
    expect(byId('compare-cell-1-optimizer.learning_rate').text()).toBe('0.001')
    // Best loss is the lowest over the epochs; the test metrics come from the run.
    expect(byId('compare-cell-0-best-loss').text()).toBe('0.7')
    expect(byId('compare-cell-1-max-loss').text()).toBe('0.6')
    expect(byId('compare-cell-0-test-accuracy').text()).toBe('80.0%')
    // Both ran on the same engine: their times compare.
    expect(byId('compare-engines').exists()).toBe(false)
    expect((byId('compare-pick-1').element as HTMLInputElement).checked).toBe(true)
    expect((byId('compare-pick-3').element as HTMLInputElement).checked).toBe(false)
    // The default chart is per step: the batch losses were fetched, averaged down.
    expect(api.calls).toContainEqual({
      name: 'runs.metrics',
      input: { id: 1, granularity: 'step', keys: ['batch_loss'], maxPoints: 1000 }
    })
  })

  it('warns when the runs’ times were measured on different engines', async () => {
    const api = new FakeBridge(
      answers({
        'runs.get': ({ id }) => ({ ...runs[id], engine: id === 2 ? 'wasm-relaxed-simd' : 'js' })
      })
    )
    await open(api, '/compare?runs=1,2')
    await flushPromises()
    expect(byId('compare-engines').text()).toBe(
      'Times were measured on different engines (js; wasm-relaxed-simd): compare them with care.'
    )
  })

  it('ticking a run puts it in the URL and on the chart', async () => {
    const api = new FakeBridge(answers())
    const mounted = await open(api, '/compare?runs=1')
    await flushPromises()
    await byId('compare-pick-2').setValue(true)
    await flushPromises()
    expect(mounted.router.currentRoute.value.query.runs).toBe('1,2')
    expect(byId('compare-chart').attributes('data-lines')).toBe('2')
    await byId('compare-pick-1').setValue(false)
    await flushPromises()
    expect(mounted.router.currentRoute.value.query.runs).toBe('2')
  })

  it('groups seeds into mean ± std rows and band lines, or lists every run', async () => {
    const api = new FakeBridge(answers())
    await open(api, '/compare?runs=1,2,3,4')
    await flushPromises()
    expect(texts('[data-testid="compare-legend-item"]')).toEqual([
      'sgd · lr=0.01 (mean ± std of 2)',
      'adam · lr=0.001 (mean ± std of 2)'
    ])
    expect(byId('compare-table').findAll('tbody tr')).toHaveLength(2)
    // Best losses 0.7 and 0.9 for SGD: mean 0.8, sample std 0.1414.
    expect(byId('compare-cell-0-best-loss').text()).toBe('0.8 ± 0.1414 (n=2)')
    expect(wrapper!.find('[data-testid="compare-diff-seed"]').exists()).toBe(false)
    await byId('compare-group-seeds').setValue(false)
    await flushPromises()
    expect(byId('compare-table').findAll('tbody tr')).toHaveLength(4)
    expect(byId('compare-diff-seed').exists()).toBe(true)
    expect(byId('compare-chart').attributes('data-lines')).toBe('4')
  })

  it('follows a live run: a new epoch shows in the table', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      const api = new FakeBridge(answers())
      await open(api, '/compare?runs=1,2')
      await flushPromises()
      api.emit('run.epoch', {
        id: 1,
        epoch: 2,
        epochs: 3,
        step: 30,
        stepsPerEpoch: 10,
        seconds: 1,
        logs: { loss: 0.2, accuracy: 0.9 }
      })
      await vi.advanceTimersByTimeAsync(300)
      await flushPromises()
      expect(byId('compare-cell-0-last-loss').text()).toBe('0.2')
      expect(byId('compare-cell-0-best-accuracy').text()).toBe('90.0%')
      // An event of a run not on screen changes nothing.
      api.emit('run.epoch', {
        id: 9,
        epoch: 0,
        epochs: 1,
        step: 1,
        stepsPerEpoch: 1,
        seconds: 1,
        logs: { loss: 5 }
      })
      await vi.advanceTimersByTimeAsync(300)
      expect(byId('compare-table').findAll('tbody tr')).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('says which runs are gone', async () => {
    const api = new FakeBridge(answers())
    await open(api, '/compare?runs=1,77')
    await flushPromises()
    expect(byId('compare-missing').text()).toContain('run #77')
    expect(byId('compare-table').findAll('tbody tr')).toHaveLength(1)
  })

  it('opens an experiment with its sweep', async () => {
    const detail: ExperimentDetail = {
      id: 5,
      name: 'sgd sweep',
      kind: 'sweep',
      createdAt: 0,
      runCount: 2,
      statusCounts: { completed: 2 },
      config: {},
      runs: [runs[5], runs[6]],
      groups: [],
      sweep: {
        monitor: 'loss',
        grid: [
          { learningRate: 0.01, runId: 5, value: 0.6, status: 'completed' },
          { learningRate: 0.1, runId: 6, value: Infinity, status: 'stopped' }
        ],
        bestLearningRate: 0.01,
        phase: 'done',
        rerun: null
      }
    }
    const api = new FakeBridge(
      answers({ 'experiments.get': () => detail, 'experiments.list': () => [detail] })
    )
    await open(api, '/compare?experiment=5')
    await flushPromises()
    expect(byId('compare-experiment').text()).toContain('sgd sweep')
    expect(byId('compare-experiment-5').attributes('aria-pressed')).toBe('true')
    expect(byId('compare-sweep').attributes('data-phase')).toBe('done')
    expect(byId('compare-sweep-point-6').text()).toContain('diverged')
    expect(byId('compare-sweep-best').text()).toContain('0.01')
    expect(byId('compare-table').findAll('tbody tr')).toHaveLength(2)
    expect(texts('[data-testid="compare-diff-optimizer.learning_rate"]')).toEqual(['lr'])
    // The diverged run's last loss is not a number.
    expect(byId('compare-cell-1-last-loss').text()).toBe('—')
    expect(byId('compare-cell-1-best-loss').text()).toBe('2')
  })
})
