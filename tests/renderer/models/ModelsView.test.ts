// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, test, vi } from 'vitest'
import type { ModelEvaluation } from '../../../src/contract/models'
import ModelsView from '../../../src/renderer/views/ModelsView.vue'
import { base64Of } from '../support/base64'
import { apiError, FakeBridge, type Answers } from '../support/fake-bridge'
import { modelDetail, modelSummary, runRecord, runSpec } from '../support/fixtures'
import { chooseFile, cleanUpViews, click, mountView, type, unmount } from '../support/mount-view'

const digits = modelSummary({ id: 1, name: 'digits' })
const moons = modelSummary({
  id: 2,
  name: 'moons',
  dataset: 'moons',
  task: 'binary',
  inputShape: [2],
  layers: '2 → 8 tanh → 1 sigmoid',
  params: 33
})
const training = runSpec({ optimizer: { name: 'adam', config: {} }, epochs: 1, seed: 7 })

const evaluation: ModelEvaluation = {
  modelId: 1,
  dataset: 'mnist',
  split: 'test',
  count: 8,
  loss: 0.61234,
  metrics: { accuracy: 0.75 },
  task: 'multiclass',
  classNames: ['cat', 'dog'],
  imageShape: [2, 2],
  confusion: [
    [3, 1],
    [1, 3]
  ],
  classCounts: [4, 4],
  perClassAccuracy: [0.75, 0.75],
  wrong: [
    {
      index: 5,
      label: 0,
      predicted: 1,
      confidence: 0.9,
      pixels: base64Of([0, 255, 255, 0]),
      features: null
    }
  ]
}

cleanUpViews()

async function open(path: string, answers: Answers = {}) {
  const api = new FakeBridge({
    'models.list': () => [digits, moons],
    'models.get': ({ id }) =>
      id === 1 ? modelDetail(digits, { training }) : modelDetail(moons, { training: null }),
    ...answers
  })
  const view = await mountView(ModelsView, path, api)
  return { api, view }
}

describe('the Models view', () => {
  test('lists the library; choosing a model shows its details and puts it in the address', async () => {
    const { view } = await open('/models')
    expect(view.find('model-row-1')).not.toBeNull()
    expect(view.find('model-details')).toBeNull()
    expect(view.text('model-score-1')).toBe('87.5%')
    await click(view.get('model-open-1'))
    expect(view.router.currentRoute.value.query).toEqual({ model: '1' })
    expect(view.text('model-layers')).toBe('784 → 32 relu → 10 softmax')
    expect(view.text('model-params')).toBe('25,450')
    expect(view.get('model-source-run').getAttribute('href')).toBe('/train?run=4')
    expect(view.text('model-summary')).toMatch(/Total params: 25,450/)
  })

  test('the drawing pad is offered for digit classifiers only', async () => {
    const { view } = await open('/models?model=1')
    expect(view.find('drawing-pad')).not.toBeNull()
    await view.router.replace({ query: { model: '2' } })
    await flushPromises()
    expect(view.get('model-details').dataset.id).toBe('2')
    expect(view.find('drawing-pad')).toBeNull()
  })

  test('renames in place: an empty name is refused beside the field, Enter saves', async () => {
    const { api, view } = await open('/models', {
      'models.rename': ({ id, name }) => ({ ...digits, id, name })
    })
    await click(view.get('model-rename-1'))
    const input = view.get('model-rename-input-1')
    await type(input, '   ')
    expect(view.text('model-rename-error-1')).toBe('a model needs a name')
    expect((view.get('model-rename-save-1') as HTMLButtonElement).disabled).toBe(true)
    await type(input, '  better digits ')
    expect(view.find('model-rename-error-1')).toBeNull()
    input.closest('form')!.dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(api.inputs('models.rename')).toEqual([{ id: 1, name: 'better digits' }])
    expect(view.find('model-rename-input-1')).toBeNull()
  })

  test('Escape leaves the name as it was', async () => {
    const { api, view } = await open('/models')
    await click(view.get('model-rename-1'))
    view.get('model-rename-input-1').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    await flushPromises()
    expect(view.find('model-rename-input-1')).toBeNull()
    expect(api.inputs('models.rename')).toEqual([])
  })

  test('delete asks first, then removes the model and its details', async () => {
    const { api, view } = await open('/models?model=1', {
      'models.delete': ({ id }) => ({ id, deleted: true })
    })
    await click(view.get('model-delete-1'))
    expect((view.get('confirm-dialog') as HTMLDialogElement).open).toBe(true)
    await click(view.get('confirm-accept'))
    expect(api.inputs('models.delete')).toEqual([{ id: 1 }])
    expect(view.router.currentRoute.value.query).toEqual({})
    expect(view.find('model-details')).toBeNull()
  })

  test('evaluates: metrics, the confusion matrix by true class, accuracy per class, mistakes', async () => {
    const { api, view } = await open('/models?model=1', {
      'models.evaluate': () => evaluation
    })
    await type(view.get('evaluate-limit'), '0')
    expect(view.text('evaluate-limit-error')).toMatch(/whole number/)
    expect((view.get('evaluate-button') as HTMLButtonElement).disabled).toBe(true)
    await type(view.get('evaluate-limit'), '8')
    await click(view.get('evaluate-button'))
    expect(api.inputs('models.evaluate')).toEqual([{ id: 1, split: 'test', limit: 8 }])
    expect(view.text('evaluation-loss')).toBe('0.6123')
    expect(view.text('evaluation-accuracy')).toBe('75.0%')
    expect(view.text('confusion-cell-0-1')).toBe('1')
    expect(view.get('confusion-cell-0-0').getAttribute('title')).toBe(
      'true cat, predicted cat: 3 (75.0% of the cats)'
    )
    expect(view.get('confusion-cell-1-1').style.getPropertyValue('--share')).toBe('75.0%')
    expect(view.text('per-class-accuracy-1')).toContain('75.0%')
    expect(view.text('wrong-predicted-5')).toBe('said dog')
    expect(view.text('wrong-true-5')).toBe('is cat')
  })

  test('an evaluation the service refuses shows its reason', async () => {
    const { view } = await open('/models?model=1', {
      'models.evaluate': () => apiError('CONFLICT', 'model 1 takes 784 features')
    })
    await click(view.get('evaluate-button'))
    expect(view.text('evaluate-error')).toBe('model 1 takes 784 features')
  })

  test('continues training from the model: its spec, more epochs, then the Train view', async () => {
    const { api, view } = await open('/models?model=1', {
      'runs.create': () => runRecord({ id: 9, status: 'queued' })
    })
    await type(view.get('model-continue-epochs'), '0')
    expect((view.get('model-continue-button') as HTMLButtonElement).disabled).toBe(true)
    await type(view.get('model-continue-epochs'), '3')
    await click(view.get('model-continue-button'))
    expect(api.inputs('runs.create')).toEqual([
      { spec: { ...training, epochs: 3 }, initialModelId: 1, name: 'digits (continued)' }
    ])
    expect(view.router.currentRoute.value.fullPath).toBe('/train?run=9')
  })

  test('exports the two files as downloads', async () => {
    const urls: string[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
      urls.push(`blob:${urls.length}`)
      return urls.at(-1)!
    })
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const { view: page } = await open('/models?model=1', {
      'models.export': () => ({
        name: 'digits',
        files: { 'model.json': '{"format":"layers-model"}', 'weights.bin': 'AAAAAA==' },
        notes: ['bias initializers are saved as zeros']
      })
    })
    await click(page.get('model-export-button'))
    const json = page.get('model-download-model.json')
    expect(json.getAttribute('download')).toBe('model.json')
    expect(json.getAttribute('href')).toBe('blob:0')
    expect(page.get('model-download-weights.bin').getAttribute('download')).toBe('weights.bin')
    // 'AAAAAA==' is four zero bytes.
    expect(page.get('model-download-weights.bin').parentElement!.textContent).toContain('4 B')
    expect(page.text('model-export-notes')).toBe('bias initializers are saved as zeros')
    unmount(page)
    expect(revoke.mock.calls.map(([url]) => url)).toEqual(['blob:0', 'blob:1'])
  })

  test('imports model.json and weights; a refused file shows why and stores nothing', async () => {
    let refuse = true
    const { api, view } = await open('/models', {
      'models.import': (input) =>
        refuse
          ? apiError('INVALID_DATA', 'modelTopology must be an object')
          : { ...digits, id: 3, name: input.name ?? 'x', notes: [] }
    })
    const submit = view.get('model-import-submit') as HTMLButtonElement
    expect(submit.disabled).toBe(true)
    expect(view.text('model-import-missing')).toBe(
      'To import: choose the model.json file; choose the weights file.'
    )
    await chooseFile(view.get('model-import-json'), new File(['{"a":1}'], 'model.json'))
    await chooseFile(
      view.get('model-import-weights'),
      new File([new Uint8Array([1, 2, 3])], 'w.bin')
    )
    await type(view.get('model-import-name'), 'mine')
    expect(submit.disabled).toBe(false)
    await click(submit)
    await vi.waitFor(() => expect(view.find('model-import-error')).not.toBeNull())
    expect(view.text('model-import-error')).toBe(
      'The model was refused: modelTopology must be an object'
    )
    expect(api.inputs('models.import')).toEqual([
      { modelJson: '{"a":1}', weights: 'AQID', name: 'mine' }
    ])

    refuse = false
    await click(submit)
    await vi.waitFor(() => expect(view.router.currentRoute.value.query).toEqual({ model: '3' }))
    expect(view.find('model-import-error')).toBeNull()
  })
})
