// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { useDraftSpecStore } from '../../../src/renderer/stores/draft-spec'
import BuildView from '../../../src/renderer/views/BuildView.vue'
import { FakeBridge } from '../support/fake-bridge'
import { mnistInfo, runRecord, sineInfo } from '../support/fixtures'
import { byTestId, cleanUpViews, mountView, type MountedView } from '../support/mount-view'

let view: MountedView | undefined
cleanUpViews()

const created = runRecord({ id: 7, name: 'mnist · sgd', status: 'queued' })

function bridge(): FakeBridge {
  return new FakeBridge({
    'datasets.list': () => [mnistInfo, sineInfo],
    'runs.create': () => created
  })
}

async function open(b = bridge(), path = '/build'): Promise<VueWrapper> {
  view = await mountView(BuildView, path, b)
  return view.wrapper
}

const text = (w: VueWrapper, id: string): string => byTestId(w, id).text()
const disabled = (w: VueWrapper, id: string): boolean =>
  (byTestId(w, id).element as HTMLButtonElement).disabled

async function type(w: VueWrapper, id: string, value: string): Promise<void> {
  await byTestId(w, id).setValue(value)
  await flushPromises()
}

describe('the Build view', () => {
  it('shows the data set and the lecture network’s summary as Keras prints it', async () => {
    const w = await open()
    expect(text(w, 'build-input-shape')).toBe('784 values (28×28 grey-scale images)')
    expect(text(w, 'build-classes')).toBe('10: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9')
    expect(text(w, 'build-counts')).toBe('60,000 to train, 10,000 to test')
    expect(text(w, 'build-summary-shape-0')).toBe('(None, 512)')
    expect(text(w, 'build-summary-params-0')).toBe('401,920') // 784·512 + 512
    expect(text(w, 'build-summary-params-2')).toBe('1,290') // 128·10 + 10
    expect(text(w, 'build-summary-total')).toBe('468,874 (1.79 MB)')
    expect(text(w, 'build-steps-per-epoch')).toBe('469')
    expect(text(w, 'build-total-steps')).toBe('2,345')
    expect(disabled(w, 'build-train')).toBe(false)
  })

  it('rebuilds the summary as layers are removed and resized: 784-32-10', async () => {
    const w = await open()
    await byTestId(w, 'build-layer-remove-1').trigger('click')
    await type(w, 'build-layer-units-0', '32')
    expect(w.findAll('[data-testid^="build-summary-row-"]')).toHaveLength(2)
    expect(text(w, 'build-summary-params-0')).toBe('25,120') // 784·32 + 32
    expect(text(w, 'build-summary-params-1')).toBe('330') // 32·10 + 10
    expect(text(w, 'build-summary-total')).toMatch(/^25,450 /)
  })

  it('adds, reorders and removes layers', async () => {
    const w = await open()
    await byTestId(w, 'build-add-dropout').trigger('click')
    const kinds = (): (string | undefined)[] =>
      w.findAll('[data-testid^="build-layer-"][data-kind]').map((li) => li.attributes('data-kind'))
    expect(kinds()).toEqual(['dense', 'dense', 'dropout', 'dense'])
    expect(text(w, 'build-summary-shape-2')).toBe('(None, 128)')
    await byTestId(w, 'build-layer-up-2').trigger('click')
    expect(kinds()).toEqual(['dense', 'dropout', 'dense', 'dense'])
    await byTestId(w, 'build-add-dense').trigger('click')
    expect(kinds()).toEqual(['dense', 'dropout', 'dense', 'dense', 'dense'])
    expect((byTestId(w, 'build-layer-units-3').element as HTMLInputElement).value).toBe('64')
    await byTestId(w, 'build-layer-remove-3').trigger('click')
    await byTestId(w, 'build-layer-remove-1').trigger('click')
    expect(kinds()).toEqual(['dense', 'dense', 'dense'])
  })

  it('shows an inline error on a bad field and will not start', async () => {
    const w = await open()
    await type(w, 'build-epochs', 'x')
    expect(text(w, 'build-epochs-error')).toBe('enter a whole number ≥ 1 and ≤ 100,000')
    expect(byTestId(w, 'build-epochs').attributes('aria-invalid')).toBe('true')
    expect(byTestId(w, 'build-epochs').attributes('aria-describedby')).toBe('build-epochs-error')
    expect(disabled(w, 'build-train')).toBe(true)
    expect(disabled(w, 'build-compare')).toBe(true)
    expect(text(w, 'build-blockers')).toMatch(/^1 thing needs fixing/)

    await type(w, 'build-layer-units-1', '0')
    expect(text(w, 'build-layer-units-error-1')).toMatch(/whole number ≥ 1/)
    expect(w.find('[data-testid="build-summary"]').exists()).toBe(false)
    expect(text(w, 'build-blockers')).toMatch(/^2 things need/)

    await type(w, 'build-epochs', '2')
    await type(w, 'build-layer-units-1', '16')
    expect(w.find('[data-testid="build-blockers"]').exists()).toBe(false)
    expect(disabled(w, 'build-train')).toBe(false)
  })

  it('warns when the output does not fit the task and fixes it in one click', async () => {
    const w = await open()
    expect(text(w, 'build-suggestion')).toMatch(/Dense\(10, softmax\) \+ categorical_crossentropy/)
    await type(w, 'build-dataset', 'sine')
    expect(text(w, 'build-task')).toBe('regression')
    expect(text(w, 'build-output-warning')).toMatch(/needs 1 target value/)
    expect(disabled(w, 'build-train')).toBe(true)
    await byTestId(w, 'build-fix-output').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="build-output-warning"]').exists()).toBe(false)
    expect(w.find('[data-testid="build-suggestion-followed"]').exists()).toBe(true)
    expect((byTestId(w, 'build-loss').element as HTMLSelectElement).value).toBe(
      'mean_squared_error'
    )
    expect(text(w, 'build-summary-shape-2')).toBe('(None, 1)')
    expect(disabled(w, 'build-train')).toBe(false)
  })

  it('shows every hyperparameter with Keras’s default and PyTorch’s where it differs', async () => {
    const w = await open()
    await type(w, 'build-optimizer', 'sgd')
    expect(text(w, 'build-hp-default-learning_rate')).toBe('0.01')
    expect(text(w, 'build-hp-pytorch-learning_rate')).toBe('0.001')
    expect(text(w, 'build-hp-pytorch-nesterov')).toBe('same')
    expect((byTestId(w, 'build-hp-input-learning_rate').element as HTMLInputElement).value).toBe(
      '0.01'
    )
    await type(w, 'build-hp-input-momentum', '2')
    expect(text(w, 'build-hp-error-momentum')).toBe('momentum must be a number in [0, 1); got 2')
    expect(disabled(w, 'build-train')).toBe(true)
    await byTestId(w, 'build-optimizer-defaults').trigger('click')
    expect(w.find('[data-testid="build-hp-error-momentum"]').exists()).toBe(false)
  })

  it('offers the batch sizes of true SGD, mini-batches and the full batch', async () => {
    const w = await open()
    await type(w, 'build-limit', '300')
    await byTestId(w, 'build-batch-full').trigger('click')
    expect((byTestId(w, 'build-batch-size').element as HTMLInputElement).value).toBe('300')
    expect(byTestId(w, 'build-batch-full').attributes('aria-pressed')).toBe('true')
    expect(text(w, 'build-steps')).toMatch(/^full batch/)
    expect(text(w, 'build-steps-per-epoch')).toBe('1')
    await byTestId(w, 'build-batch-sgd').trigger('click')
    expect(text(w, 'build-steps')).toMatch(/^true SGD/)
    expect(text(w, 'build-steps-per-epoch')).toBe('300')
    await type(w, 'build-validation-split', '0.1')
    expect(text(w, 'build-batch-full')).toMatch(/\(270\)/)
    await type(w, 'build-limit', '70000')
    expect(text(w, 'build-limit-error')).toBe('must be a whole number ≥ 1 and ≤ 60,000')
  })

  it('creates the run and opens it in Train', async () => {
    const b = bridge()
    const w = await open(b)
    await byTestId(w, 'build-layer-remove-1').trigger('click')
    await type(w, 'build-layer-units-0', '32')
    await type(w, 'build-limit', '300')
    await type(w, 'build-epochs', '1')
    await type(w, 'build-run-name', '  first try ')
    await byTestId(w, 'build-train').trigger('click')
    await flushPromises()
    expect(b.inputs('runs.create')).toEqual([
      {
        name: 'first try',
        spec: {
          data: { dataset: 'mnist', limit: 300 },
          layers: [
            { kind: 'dense', units: 32, activation: 'relu' },
            { kind: 'dense', units: 10, activation: 'softmax' }
          ],
          loss: 'categorical_crossentropy',
          metrics: ['accuracy'],
          optimizer: { name: 'rmsprop', config: {} },
          epochs: 1,
          batchSize: 128,
          seed: 1
        }
      }
    ])
    expect(view!.router.currentRoute.value.fullPath).toBe('/train?run=7')
  })

  it('shows why the service refused the run', async () => {
    const b = bridge()
    b.answers['runs.create'] = () => {
      throw { code: 'BAD_INPUT', message: 'cannot load the data: no such file' }
    }
    const w = await open(b)
    await byTestId(w, 'build-train').trigger('click')
    await flushPromises()
    expect(text(w, 'build-create-error')).toBe('cannot load the data: no such file')
    expect(view!.router.currentRoute.value.path).toBe('/build')
  })

  it('hands the spec to Compare', async () => {
    const w = await open()
    await byTestId(w, 'build-compare').trigger('click')
    await flushPromises()
    expect(view!.router.currentRoute.value.fullPath).toBe('/compare?from=build')
    expect(useDraftSpecStore().spec?.optimizer.name).toBe('rmsprop')
  })

  it('opens on the setting of a "Try this on MNIST" link', async () => {
    const w = await open(
      bridge(),
      '/build?dataset=mnist&optimizer=sgd&lr=0.05&momentum=0.9&nesterov=true&batchSize=32&epochs=3&layers=64:relu,10:softmax'
    )
    expect((byTestId(w, 'build-optimizer').element as HTMLSelectElement).value).toBe('sgd')
    expect((byTestId(w, 'build-hp-input-learning_rate').element as HTMLInputElement).value).toBe(
      '0.05'
    )
    expect((byTestId(w, 'build-hp-input-nesterov').element as HTMLInputElement).checked).toBe(true)
    expect((byTestId(w, 'build-batch-size').element as HTMLInputElement).value).toBe('32')
    expect(text(w, 'build-summary-params-0')).toBe('50,240') // 784·64 + 64
    expect(view!.router.currentRoute.value.fullPath).toBe('/build')
    expect(w.find('[data-testid="build-link-errors"]').exists()).toBe(false)
  })

  it('lists what a link could not apply', async () => {
    const w = await open(bridge(), '/build?layers=64:swish,10:softmax')
    expect(text(w, 'build-link-errors')).toMatch(/unknown activation "swish"/)
  })
})
