// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest'
import type { DatasetInfo } from '../../../src/contract/datasets'
import DataView from '../../../src/renderer/views/DataView.vue'
import { base64Of } from '../support/base64'
import { apiError, FakeBridge, type Answers } from '../support/fake-bridge'
import { datasetInfo, mnistInfo } from '../support/fixtures'
import { chooseFile, cleanUpViews, click, mountView, type } from '../support/mount-view'

const iris = datasetInfo({
  name: 'iris',
  source: 'imported',
  format: 'csv',
  count: 3,
  featureShape: [4],
  numClasses: 3,
  classNames: ['setosa', 'versicolor', 'virginica'],
  classCounts: [1, 1, 1],
  createdAt: new Date(2025, 10, 29, 8, 0).getTime()
})
const irisRows: DatasetInfo['samples'] = [0, 1, 2].map((i) => ({
  index: i,
  label: i,
  target: null,
  pixels: null,
  features: [5.1 + i, 3.5, 1.4, 0.2]
}))

cleanUpViews()

async function open(path: string, answers: Answers = {}) {
  const api = new FakeBridge({
    'datasets.list': () => [mnistInfo, iris],
    'datasets.get': ({ name, samples }) => {
      const set = name === 'mnist' ? mnistInfo : iris
      const sample = (i: number) => ({
        index: i,
        label: i % 10,
        target: null,
        pixels: base64Of(new Uint8Array(784).fill(i)),
        features: null
      })
      const rows =
        name === 'mnist' ? Array.from({ length: samples ?? 0 }, (_, i) => sample(i)) : irisRows
      return { ...set, samples: rows }
    },
    ...answers
  })
  const view = await mountView(DataView, path, api)
  return { api, view }
}

describe('the Data view', () => {
  test('shows every set as a card with its task, shape and sizes', async () => {
    const { view } = await open('/data')
    expect(view.text('dataset-sizes-mnist')).toBe('60,000 train · 10,000 test')
    expect(view.text('dataset-sizes-iris')).toBe('3 train · no test split')
    expect(view.get('dataset-card-mnist').textContent).toContain('28×28 images')
    expect(view.get('dataset-card-iris').textContent).toContain('imported csv')
    expect(view.find('dataset-detail')).toBeNull()
  })

  test('an image set: a gallery of its first samples and the class histogram', async () => {
    const { api, view } = await open('/data')
    await click(view.get('dataset-card-mnist'))
    expect(view.router.currentRoute.value.query).toEqual({ set: 'mnist' })
    expect(api.inputs('datasets.get')).toEqual([{ name: 'mnist', samples: 48 }])
    expect(view.get('dataset-samples').querySelectorAll('canvas')).toHaveLength(48)
    expect(view.text('dataset-sample-3')).toBe('3')
    const bars = [...view.get('dataset-histogram').querySelectorAll('li')]
    expect(bars.map((li) => Number(li.dataset.value))).toEqual(mnistInfo.classCounts)
    // 6742 of 60,000 ones: 11.2%.
    expect(view.text('dataset-histogram-1')).toContain('6,742 (11.2%)')
    expect(view.text('dataset-count')).toBe('60,000 for training')
    expect(view.find('dataset-delete')).toBeNull()
  })

  test('a table set: its rows with the class names', async () => {
    const { view } = await open('/data?set=iris')
    const rows = [...view.get('dataset-samples').querySelectorAll('tbody tr')]
    expect(rows.map((tr) => tr.lastElementChild!.textContent)).toEqual([
      'setosa',
      'versicolor',
      'virginica'
    ])
    expect(rows[1].children[1].textContent).toBe('6.1')
  })

  test('an imported set can be deleted after a confirmation', async () => {
    const { api, view } = await open('/data?set=iris', {
      'datasets.delete': ({ name }) => ({ name, deleted: true })
    })
    await click(view.get('dataset-delete'))
    await click(view.get('confirm-accept'))
    expect(api.inputs('datasets.delete')).toEqual([{ name: 'iris' }])
    expect(view.router.currentRoute.value.query).toEqual({})
  })

  test('the import form says what is missing, beside each field, and keeps Import off', async () => {
    const { view } = await open('/data')
    const submit = view.get('import-submit') as HTMLButtonElement
    expect(submit.disabled).toBe(true)
    expect(view.text('import-missing')).toBe(
      'To import: give the data set a name; choose the training CSV file.'
    )
    // Field errors wait until the user has been at the field.
    expect(view.find('import-name-error')).toBeNull()
    await type(view.get('import-name'), 'Iris')
    expect(view.text('import-name-error')).toBe('a data set named "Iris" already exists')
    await type(view.get('import-name'), 'my set!')
    expect(view.text('import-name-error')).toMatch(/letters, digits/)

    await click(view.get('import-format-idx'))
    expect(view.find('import-file-csv')).toBeNull()
    expect(view.find('import-label-column')).toBeNull()
    await chooseFile(view.get('import-file-testImages'), new File(['x'], 't10k-images'))
    expect(view.text('import-file-testLabels-error')).toMatch(/go together/)
    expect(submit.disabled).toBe(true)
  })

  test('imports a CSV file: its bytes as base64, the label column, then shows the new set', async () => {
    const imported = datasetInfo({ name: 'tiny', source: 'imported', format: 'csv' })
    const { api, view } = await open('/data', {
      'datasets.import': () => imported,
      'datasets.get': () => imported
    })
    await type(view.get('import-name'), 'tiny')
    await chooseFile(view.get('import-file-csv'), new File(['a,b,y\n1,2,0\n'], 'tiny.csv'))
    await type(view.get('import-label-column'), '2')
    await click(view.get('import-submit'))
    await vi.waitFor(() => expect(api.inputs('datasets.import')).toHaveLength(1))
    expect(api.inputs('datasets.import')[0]).toEqual({
      name: 'tiny',
      format: 'csv',
      files: { csv: base64Of('a,b,y\n1,2,0\n') },
      labelColumn: 2
    })
    await vi.waitFor(() => expect(view.router.currentRoute.value.query).toEqual({ set: 'tiny' }))
    expect((view.get('import-name') as HTMLInputElement).value).toBe('')
  })

  test('a refused file shows the importer’s message with the file the user chose', async () => {
    const { view } = await open('/data', {
      'datasets.import': () =>
        apiError('INVALID_DATA', 'csv, line 3, column "x2": \'oops\' is not a number', {
          file: 'csv',
          problem: "'oops' is not a number",
          line: 3,
          column: 2
        })
    })
    await type(view.get('import-name'), 'broken')
    await chooseFile(
      view.get('import-file-csv'),
      new File(['x1,x2,y\n1,2,0\n1,oops,1\n'], 'bad.csv')
    )
    await click(view.get('import-submit'))
    await vi.waitFor(() => expect(view.find('import-error')).not.toBeNull())
    expect(view.text('import-error')).toBe(
      'The file was refused (bad.csv): csv, line 3, column "x2": \'oops\' is not a number'
    )
  })
})
