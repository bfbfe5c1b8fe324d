import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { itLoggedNoProblems, screenshot, useWorkbench } from './harness'

/**
 * The build-and-train story against the real services: build 784-32-10 on an MNIST subset,
 * train one epoch while the progress bar moves and the chart grows, save the model; then a
 * run that diverges and shows as stopped with its reason.
 */
let page: Page
const workbench = useWorkbench(async (opened) => {
  page = opened.page
  // Tall enough for a whole view in one screenshot (the content pane scrolls, not the page).
  await page.setViewportSize({ width: 1280, height: 2900 })
})

const text = async (testId: string): Promise<string> =>
  ((await page.getByTestId(testId).textContent()) ?? '').trim()

/** A sample of the dashboard each time it changes: the progress bar and the batch chart. */
interface Frame {
  progress: number
  points: number
}

/**
 * Records every change of the progress bar and the batch chart's point count, frame by frame, in
 * window.dashboardLog (a script string: this file is type-checked without the DOM's types).
 */
const recordDashboard = (): Promise<void> =>
  page.evaluate(`(() => {
    const log = (window.dashboardLog = [])
    const sample = () => {
      const bar = document.querySelector('[data-testid="train-progress"]')
      const chart = document.querySelector('[data-testid="train-batch-chart"]')
      if (bar && chart) {
        const frame = { progress: bar.value, points: Number(chart.getAttribute('data-points') ?? 0) }
        const last = log.at(-1)
        if (!last || last.progress !== frame.progress || last.points !== frame.points) log.push(frame)
      }
      requestAnimationFrame(sample)
    }
    requestAnimationFrame(sample)
  })()`)

const dashboardLog = (): Promise<Frame[]> => page.evaluate('window.dashboardLog')

const progressValue = (): Promise<number> =>
  page.getByTestId('train-progress').evaluate((bar) => (bar as unknown as { value: number }).value)

describe('build and train in a browser', () => {
  it('builds 784-32-10 on an MNIST subset, with a live summary', async () => {
    await page.goto(workbench.server.url)
    await page.getByTestId('nav-build').click()
    await expect.poll(() => text('build-summary-total')).toBe('468,874 (1.79 MB)')
    expect(await text('build-classes')).toBe('10: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9')
    expect(await text('build-counts')).toBe('60,000 to train, 10,000 to test')

    await page.getByTestId('build-layer-remove-1').click()
    await page.getByTestId('build-layer-units-0').fill('32')
    // 784·32 + 32 and 32·10 + 10.
    await expect.poll(() => text('build-summary-params-0')).toBe('25,120')
    expect(await text('build-summary-params-1')).toBe('330')
    expect(await text('build-summary-total')).toMatch(/^25,450 /)

    // A bad value shows its error and blocks the start.
    await page.getByTestId('build-epochs').fill('one')
    await expect.poll(() => text('build-epochs-error')).toMatch(/whole number/)
    expect(await page.getByTestId('build-train').isDisabled()).toBe(true)
    await page.getByTestId('build-epochs').fill('1')
    await expect.poll(() => page.getByTestId('build-epochs-error').count()).toBe(0)

    // True SGD on the first 3,000 digits: 3,000 updates, long enough to watch.
    await page.getByTestId('build-limit').fill('3000')
    await page.getByTestId('build-batch-sgd').click()
    await page.getByTestId('build-optimizer').selectOption('sgd')
    await expect.poll(() => text('build-steps-per-epoch')).toBe('3,000')
    expect(await text('build-hp-pytorch-learning_rate')).toBe('0.001')
    await page.getByTestId('build-run-name').fill('digits 784-32-10')
    expect(await page.getByTestId('build-train').isEnabled()).toBe(true)
    await screenshot(page, 'build')
  })

  it('trains one epoch: the progress bar moves and the chart grows', async () => {
    await recordDashboard()
    await page.getByTestId('build-train').click()
    await expect.poll(() => page.url()).toMatch(/#\/train\?run=1$/)
    expect(await text('train-run-name')).toBe('#1 digits 784-32-10')
    await expect
      .poll(() => text('train-status'), { timeout: 90_000, interval: 250 })
      .toBe('completed')
    await expect.poll(() => page.getByTestId('train-test-accuracy').count()).toBe(1)

    const frames = await dashboardLog()
    const progress = [...new Set(frames.map((f) => f.progress))]
    const midway = progress.filter((p) => p > 0 && p < 1)
    expect(midway.length, JSON.stringify(frames)).toBeGreaterThanOrEqual(2)
    for (let i = 1; i < frames.length; i++) {
      expect(frames[i].progress).toBeGreaterThanOrEqual(frames[i - 1].progress)
    }
    const counts = [...new Set(frames.map((f) => f.points))].filter((n) => n > 0)
    expect(counts.length, JSON.stringify(frames)).toBeGreaterThanOrEqual(3)
    expect(counts.slice(1).every((n, i) => n > counts[i])).toBe(true)
    // Every batch ends up on the chart.
    await expect
      .poll(() => page.getByTestId('train-batch-chart').getAttribute('data-points'))
      .toBe('3000')
    expect(await progressValue()).toBe(1)
    expect(await text('train-epoch')).toBe('1 of 1 epochs done')
    expect(await page.getByTestId('train-loss-chart').getAttribute('data-points')).toBe('1')
    const accuracy = Number((await text('train-test-accuracy')).replace('%', ''))
    expect(accuracy).toBeGreaterThan(60)
    expect(accuracy).toBeLessThanOrEqual(100)
    expect(await page.getByTestId('train-read-only').count()).toBe(1)
  })

  it('saves the model, with a link to it in Models', async () => {
    await page.getByTestId('train-save-name').fill('digits')
    await page.getByTestId('train-save-button').click()
    await expect.poll(() => text('train-saved-name')).toBe('digits')
    expect(await page.getByTestId('train-saved-link').getAttribute('href')).toMatch(
      /#\/models\?model=1$/
    )
    await screenshot(page, 'train')
  })

  it('shows a diverging run as stopped, with its reason', async () => {
    await page.getByTestId('nav-build').click()
    await page.getByTestId('build-dataset').selectOption('sine')
    await expect.poll(() => text('build-output-warning')).toMatch(/regression/)
    expect(await page.getByTestId('build-train').isDisabled()).toBe(true)
    await page.getByTestId('build-fix-output').click()
    await expect.poll(() => page.getByTestId('build-output-warning').count()).toBe(0)
    expect(await page.getByTestId('build-loss').inputValue()).toBe('mean_squared_error')
    await page.getByTestId('build-limit').fill('')
    await page.getByTestId('build-batch-32').click()
    await page.getByTestId('build-hp-input-learning_rate').fill('100000')
    await page.getByTestId('build-epochs').fill('3')
    await page.getByTestId('build-run-name').fill('too fast')
    await page.getByTestId('build-train').click()
    await expect.poll(() => page.url()).toMatch(/#\/train\?run=2$/)
    await expect.poll(() => text('train-status'), { timeout: 60_000 }).toBe('stopped')
    expect(await text('train-stop-reason')).toMatch(
      /^Stopped: loss became (NaN|infinite) at epoch 1, step \d+ — the learning rate is probably too high$/
    )
    await expect.poll(() => page.getByTestId('train-save-blocked').count()).toBe(1)
    expect(await page.getByTestId('train-save-button').isDisabled()).toBe(true)
    expect(await page.getByTestId('train-resume').isEnabled()).toBe(true)
    await screenshot(page, 'train-diverged')
  })

  it('opens earlier runs from the picker, read-only', async () => {
    await page.getByTestId('train-run-select').selectOption('1')
    await expect.poll(() => text('train-run-name')).toBe('#1 digits 784-32-10')
    await expect.poll(() => text('train-status')).toBe('completed')
    // A finished run's 3,000 batches come as means of 2 (⌈3000 / 2000⌉), at most 2,000 points.
    await expect
      .poll(() => page.getByTestId('train-batch-chart').getAttribute('data-points'))
      .toBe('1500')
  })

  it('opens Build on a "Try this on MNIST" link', async () => {
    const base = workbench.server.url.split('#')[0]
    await page.goto(
      `${base}#/build?dataset=mnist&optimizer=adam&lr=0.002&batchSize=128&epochs=5&layers=64:relu,10:softmax`
    )
    await expect.poll(() => page.getByTestId('build-optimizer').inputValue()).toBe('adam')
    expect(await page.getByTestId('build-hp-input-learning_rate').inputValue()).toBe('0.002')
    await expect.poll(() => text('build-summary-params-0')).toBe('50,240')
    // The link's softmax output brings categorical cross-entropy back after the sine run's MSE.
    expect(await page.getByTestId('build-loss').inputValue()).toBe('categorical_crossentropy')
    expect(await page.getByTestId('build-output-warning').count()).toBe(0)
    expect(page.url()).toMatch(/#\/build$/)
  })

  it('looks right in the dark theme', async () => {
    await page.getByTestId('theme-dark').click()
    await screenshot(page, 'build-dark')
    await page.getByTestId('nav-train').click()
    await expect.poll(() => text('train-run-name')).toMatch(/^#2 /)
    await screenshot(page, 'train-dark')
    await page.getByTestId('theme-light').click()
  })

  itLoggedNoProblems(workbench)
})
