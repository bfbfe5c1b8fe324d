// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, shallowRef, type PropType } from 'vue'
import type { ModelSummary } from '../../../src/contract/models'
import type {
  MetricSeries,
  RunDetail,
  RunMetrics,
  RunProgressEvent
} from '../../../src/contract/runs'
import type { LineSeries } from '../../../src/renderer/components/charts/series'
import { SYNC_MS } from '../../../src/renderer/train/use-live-run'
import TrainView from '../../../src/renderer/views/TrainView.vue'
import { FakeBridge } from '../support/fake-bridge'
import { runDetail, runRecord } from '../support/fixtures'
import { byTestId, cleanUpViews, mountView, type MountedView } from '../support/mount-view'

/**
 * happy-dom has no 2D canvas: a stand-in for LineChart records what the dashboard hands it
 * (its series and the points given to setPoints) where the test can read them.
 */
const ChartStub = defineComponent({
  name: 'LineChart',
  props: { series: { type: Array as PropType<LineSeries[]>, required: true } },
  setup(props, { expose }) {
    const values = shallowRef<{ x: number[]; y: number[] }[]>([])
    expose({
      setPoints(i: number, x: ArrayLike<number>, y: ArrayLike<number>) {
        const next = [...values.value]
        next[i] = { x: Array.from(x), y: Array.from(y) }
        values.value = next
      },
      append() {},
      clear() {
        values.value = []
      }
    })
    return () =>
      h('div', {
        'data-points': values.value.reduce((n, v) => n + (v?.y.length ?? 0), 0),
        'data-x': JSON.stringify(values.value.map((v) => v?.x ?? [])),
        'data-smoothing': props.series[0]?.smoothing,
        'data-labels': props.series.map((s) => s.label).join('|')
      })
  }
})

const series = (
  key: string,
  steps: number[],
  values: number[],
  epochs?: number[]
): MetricSeries => ({
  key,
  steps,
  epochs: epochs ?? steps.map(() => 0),
  values,
  wallTimes: steps.map(() => 0)
})

const finished: RunDetail = runDetail({
  name: 'mnist · sgd',
  status: 'completed',
  epochs: 2,
  epochsDone: 2,
  stepsDone: 20,
  trainSeconds: 3.2,
  finalMetrics: { epoch: 1, logs: { loss: 0.5, accuracy: 0.85, learning_rate: 0.01 } },
  bestMetrics: { epoch: 1, logs: { loss: 0.5, accuracy: 0.85, learning_rate: 0.01 } },
  testMetrics: { loss: 0.45, accuracy: 0.8774 }
})

function answers(detail: RunDetail, steps: MetricSeries[], epochs: MetricSeries[]): FakeBridge {
  return new FakeBridge({
    // Fresh copies, as from the wire: the store updates the records it keeps.
    'runs.list': () => [structuredClone(detail)],
    'runs.get': () => structuredClone(detail),
    'runs.metrics': (input): RunMetrics => ({
      id: detail.id,
      granularity: input.granularity ?? 'epoch',
      series: input.granularity === 'step' ? steps : epochs
    })
  })
}

let view: MountedView | undefined
cleanUpViews()

async function open(bridge: FakeBridge, path = '/train?run=1'): Promise<VueWrapper> {
  view = await mountView(TrainView, path, bridge, { LineChart: ChartStub })
  await flushPromises()
  return view.wrapper
}

const text = (w: VueWrapper, id: string): string => byTestId(w, id).text()
const attr = (w: VueWrapper, id: string, name: string): string | undefined =>
  byTestId(w, id).attributes(name)
const isDisabled = (w: VueWrapper, id: string): boolean =>
  (byTestId(w, id).element as HTMLButtonElement).disabled
/** Lets the throttled redraw (at most every 100 ms) through. */
const nextRedraw = async (): Promise<void> => {
  await new Promise((done) => setTimeout(done, 120))
  await flushPromises()
}

describe('the Train view on a finished run', () => {
  const steps = [series('batch_loss', [1, 2, 3, 4], [2.3, 1.9, 1.4, 1.1])]
  const epochs = [
    series('loss', [10, 20], [0.9, 0.5], [0, 1]),
    series('accuracy', [10, 20], [0.7, 0.85], [0, 1]),
    series('learning_rate', [10, 20], [0.01, 0.01], [0, 1])
  ]

  it('shows the run read-only with its spec, results and curves', async () => {
    const bridge = answers(finished, steps, epochs)
    const w = await open(bridge)
    expect(text(w, 'train-run-name')).toBe('#1 mnist · sgd')
    expect(text(w, 'train-status')).toBe('completed')
    expect(w.find('[data-testid="train-read-only"]').exists()).toBe(true)
    expect(w.find('[data-testid="train-pause"]').exists()).toBe(false)
    expect(text(w, 'train-spec-layers')).toBe('32 relu → 10 softmax')
    expect(text(w, 'train-spec-data')).toBe('mnist, first 300 samples')
    expect(Number(attr(w, 'train-progress', 'value'))).toBe(1)
    expect(text(w, 'train-epoch')).toBe('2 of 2 epochs done')
    expect(text(w, 'train-test-accuracy')).toBe('87.74%')
    expect(text(w, 'train-last-loss')).toBe('0.5000')
    expect(text(w, 'train-engine')).toBe('wasm-relaxed-simd ×2 threads')
    // A finished run's batches come decimated by the service.
    expect(bridge.inputs('runs.metrics')).toContainEqual({
      id: 1,
      granularity: 'step',
      maxPoints: 2000
    })
    await nextRedraw()
    expect(attr(w, 'train-batch-chart', 'data-points')).toBe('4')
    expect(attr(w, 'train-loss-chart', 'data-x')).toBe('[[1,2]]')
    expect(attr(w, 'train-metric-chart', 'data-labels')).toBe('train accuracy')
    expect(attr(w, 'train-rate-chart', 'data-points')).toBe('2')
  })

  it('smooths the batch loss by the slider’s weight', async () => {
    const w = await open(answers(finished, steps, epochs))
    expect(attr(w, 'train-batch-chart', 'data-smoothing')).toBe('0.9')
    await byTestId(w, 'train-smoothing').setValue('0.5')
    expect(attr(w, 'train-batch-chart', 'data-smoothing')).toBe('0.5')
    expect(text(w, 'train-smoothing-value')).toBe('0.50')
  })

  it('saves the final weights as a named model and links to it', async () => {
    const bridge = answers(finished, steps, epochs)
    bridge.answers['models.saveFromRun'] = (input) =>
      ({ id: 5, name: input.name, layers: '784 → 32 relu → 10 softmax' }) as ModelSummary
    const w = await open(bridge)
    await byTestId(w, 'train-save-name').setValue('  digits ')
    await byTestId(w, 'train-save-button').trigger('click')
    await flushPromises()
    expect(bridge.inputs('models.saveFromRun')).toEqual([
      { runId: 1, which: 'final', name: 'digits' }
    ])
    expect(text(w, 'train-saved-name')).toBe('digits')
    expect(attr(w, 'train-saved-link', 'href')).toBe('/models?model=5')
  })

  it('opens the latest run when none is named, and says when there is none', async () => {
    const bridge = answers({ ...finished, id: 3 }, steps, epochs)
    await open(bridge, '/train')
    expect(bridge.inputs('runs.list')).toContainEqual({ limit: 1 })
    expect(view!.router.currentRoute.value.fullPath).toBe('/train?run=3')

    view!.wrapper.unmount()
    const empty = new FakeBridge({ 'runs.list': () => [] })
    const w = await open(empty, '/train')
    expect(text(w, 'train-empty')).toMatch(/No runs yet/)
  })

  it('says so when the run does not exist', async () => {
    const bridge = new FakeBridge({
      'runs.list': () => [],
      'runs.get': () => {
        throw { code: 'NOT_FOUND', message: 'there is no run 9' }
      }
    })
    const w = await open(bridge, '/train?run=9')
    expect(text(w, 'train-missing')).toBe('there is no run 9')
  })
})

describe('the Train view on a live run', () => {
  const running = runDetail({ status: 'running', epochs: 2, epochsDone: 0, stepsDone: 3 })
  const stored = [series('batch_loss', [1, 2, 3], [2.3, 2.1, 2.0])]
  const progress = (globalStep: number, loss: number): RunProgressEvent => ({
    id: 1,
    epoch: 0,
    epochs: 2,
    step: globalStep,
    stepsPerEpoch: 10,
    globalStep,
    seen: globalStep * 30,
    batch: { loss, accuracy: 0.3 },
    running: { loss: 1.9, accuracy: 0.31 },
    samplesPerSecond: 300,
    etaSeconds: (10 - globalStep) * 0.1
  })

  it('moves the progress bar and grows the chart as events arrive', async () => {
    const bridge = answers(running, stored, [])
    const w = await open(bridge)
    expect(text(w, 'train-status')).toBe('running')
    expect(isDisabled(w, 'train-pause')).toBe(false)
    expect(isDisabled(w, 'train-resume')).toBe(true)
    // A live run reads every stored batch, not a decimated curve.
    expect(bridge.inputs('runs.metrics')).toContainEqual({ id: 1, granularity: 'step' })
    await nextRedraw()
    expect(attr(w, 'train-batch-chart', 'data-points')).toBe('3')

    bridge.emit('run.progress', progress(5, 1.8))
    await nextRedraw()
    expect(text(w, 'train-epoch')).toBe('Epoch 1 of 2')
    expect(text(w, 'train-step')).toBe('batch 5 / 10')
    expect(Number(attr(w, 'train-progress', 'value'))).toBeCloseTo(5 / 20, 12)
    expect(text(w, 'train-speed')).toBe('300 samples/s')
    expect(text(w, 'train-running-loss')).toBe('1.9000')
    // 0.5 s left in this epoch, then 10 batches at 0.1 s: 1.5 s.
    expect(text(w, 'train-eta')).toMatch(/^2 s \(this epoch <1 s\)/)
    expect(attr(w, 'train-batch-chart', 'data-x')).toBe('[[1,2,3,5]]')

    bridge.emit('run.progress', progress(8, 1.6))
    bridge.emit('run.epoch', {
      id: 1,
      epoch: 0,
      epochs: 2,
      step: 10,
      stepsPerEpoch: 10,
      seconds: 1,
      logs: { loss: 1.7, accuracy: 0.4, learning_rate: 0.01 }
    })
    await nextRedraw()
    expect(Number(attr(w, 'train-progress', 'value'))).toBeCloseTo(8 / 20, 12)
    expect(attr(w, 'train-loss-chart', 'data-points')).toBe('1')
    expect(attr(w, 'train-rate-chart', 'data-points')).toBe('1')
  })

  it('ignores other runs’ events', async () => {
    const bridge = answers(running, stored, [])
    const w = await open(bridge)
    bridge.emit('run.progress', { ...progress(5, 1.8), id: 2 })
    await nextRedraw()
    expect(attr(w, 'train-batch-chart', 'data-points')).toBe('3')
    expect(text(w, 'train-epoch')).toBe('0 of 2 epochs done')
  })

  it('reads the batches stored after the last one it has, so the curve has no gaps', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    const bridge = answers(running, stored, [])
    const w = await open(bridge)
    bridge.answers['runs.metrics'] = (input): RunMetrics => ({
      id: 1,
      granularity: input.granularity ?? 'epoch',
      series: input.granularity === 'step' ? [series('batch_loss', [4, 5, 6], [1.9, 1.8, 1.7])] : []
    })
    bridge.emit('run.progress', progress(6, 1.7))
    await vi.advanceTimersByTimeAsync(SYNC_MS)
    expect(bridge.inputs('runs.metrics').at(-1)).toEqual({
      id: 1,
      granularity: 'step',
      afterStep: 3
    })
    await vi.advanceTimersByTimeAsync(200)
    await flushPromises()
    expect(attr(w, 'train-batch-chart', 'data-x')).toBe('[[1,2,3,4,5,6]]')
  })

  it('pauses, resumes and stops through the service', async () => {
    const bridge = answers(running, stored, [])
    bridge.answers['runs.pause'] = () => runRecord({ status: 'running', pauseRequested: true })
    bridge.answers['runs.resume'] = () => runRecord({ status: 'running' })
    bridge.answers['runs.stop'] = () => runRecord({ status: 'running', stopRequested: true })
    const w = await open(bridge)
    await byTestId(w, 'train-pause').trigger('click')
    await flushPromises()
    expect(bridge.inputs('runs.pause')).toEqual([{ id: 1 }])
    expect(isDisabled(w, 'train-pause')).toBe(true)
    expect(isDisabled(w, 'train-resume')).toBe(false)
    await byTestId(w, 'train-resume').trigger('click')
    await flushPromises()
    expect(bridge.inputs('runs.resume')).toEqual([{ id: 1 }])
    await byTestId(w, 'train-stop').trigger('click')
    await flushPromises()
    expect(bridge.inputs('runs.stop')).toEqual([{ id: 1 }])
    expect(isDisabled(w, 'train-stop')).toBe(true)
  })

  it('shows a diverged run as stopped, with its reason, and nothing to save', async () => {
    const bridge = answers(running, stored, [])
    const w = await open(bridge)
    const reason = 'loss became NaN at epoch 1, step 4 — the learning rate is probably too high'
    const stopped = runDetail({
      status: 'stopped',
      stopReason: reason,
      epochsDone: 0,
      stepsDone: 4
    })
    bridge.answers['runs.get'] = () => stopped
    bridge.emit('run.status', { id: 1, status: 'stopped', stopReason: reason })
    await flushPromises()
    expect(text(w, 'train-status')).toBe('stopped')
    expect(text(w, 'train-stop-reason')).toBe(`Stopped: ${reason}`)
    expect(isDisabled(w, 'train-resume')).toBe(false)
    expect(isDisabled(w, 'train-save-button')).toBe(true)
    expect(text(w, 'train-save-blocked')).toMatch(/no epoch finished/)
    // The end of the run is read in full: the batches after the last read and every epoch.
    expect(bridge.inputs('runs.metrics').slice(-2)).toEqual([
      { id: 1, granularity: 'step', afterStep: 3 },
      { id: 1, granularity: 'epoch' }
    ])
  })
})
