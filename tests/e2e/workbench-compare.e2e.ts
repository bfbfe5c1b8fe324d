import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { itLoggedNoProblems, screenshot, useWorkbench } from './harness'

let page: Page
const workbench = useWorkbench((opened) => {
  page = opened.page
})

const byId = (id: string) => page.getByTestId(id)

describe('the Compare view, in a browser against the real services', () => {
  it('starts sgd against adam on a tiny MNIST run from the quick spec', async () => {
    await page.setViewportSize({ width: 1400, height: 1000 })
    await page.goto(workbench.server.url)
    await byId('nav-compare').click()
    await expect.poll(() => page.url()).toContain('#/compare')
    // The data sets arrive from the service; MNIST is chosen by default.
    await expect
      .poll(() => byId('compare-spec-dataset').locator('option').count())
      .toBeGreaterThan(1)
    await byId('compare-spec-layers').fill('16:relu,10:softmax')
    await byId('compare-spec-epochs').fill('2')
    await byId('compare-spec-limit').fill('300')
    await byId('compare-spec-batchSize').fill('32')
    expect(await byId('compare-opt-0-name').inputValue()).toBe('sgd')
    expect(await byId('compare-opt-1-name').inputValue()).toBe('adam')
    // A bad value blocks the start until it is fixed.
    await byId('compare-seeds').fill('0')
    await expect.poll(() => byId('compare-start').isDisabled()).toBe(true)
    await byId('compare-seeds').fill('1')
    await expect.poll(() => byId('compare-start').isEnabled()).toBe(true)
    await byId('compare-start').click()
    await expect.poll(() => page.url()).toMatch(/[?&]experiment=\d+/)
  })

  it('follows both runs to the end: two curves and a table with the optimizer highlighted', async () => {
    const badges = byId('compare-table').locator('tbody .lib-badge')
    await expect
      .poll(async () => (await badges.allTextContents()).map((t) => t.trim()), { timeout: 100_000 })
      .toEqual(['completed', 'completed'])
    await expect.poll(() => byId('compare-legend-item').count()).toBe(2)
    expect(await byId('compare-chart').getAttribute('data-lines')).toBe('2')
    const legend = await byId('compare-legend-item').allTextContents()
    expect(legend.join(' ')).toMatch(/sgd/)
    expect(legend.join(' ')).toMatch(/adam/)
    // 300 samples of batch 32: 10 steps an epoch, 20 for two epochs, per run.
    await expect
      .poll(async () => Number(await byId('compare-line-chart').getAttribute('data-points')))
      .toBeGreaterThanOrEqual(2 * 10)

    expect(await byId('compare-table').locator('tbody tr').count()).toBe(2)
    expect(await byId('compare-diff-optimizer').getAttribute('class')).toContain('cmp-diff')
    expect((await byId('compare-cell-0-optimizer').textContent())?.trim()).toBe('sgd')
    expect((await byId('compare-cell-1-optimizer').textContent())?.trim()).toBe('adam')
    // Same network, data, batch size and seed: only the optimizer and its rate differ.
    const differing = await byId('compare-table').locator('thead th.cmp-diff').allTextContents()
    expect(differing.map((t) => t.trim())).toEqual(['optimizer', 'lr'])
    for (const row of [0, 1]) {
      const accuracy = (await byId(`compare-cell-${row}-test-accuracy`).textContent())!.trim()
      expect(accuracy).toMatch(/^\d+(\.\d)?%$/)
    }

    // Per epoch: two points a run.
    await byId('compare-per-epoch').check()
    await expect.poll(() => byId('compare-chart').getAttribute('data-metric')).toBe('loss')
    await expect.poll(() => byId('compare-line-chart').getAttribute('data-points')).toBe('4')
    // The view scrolls inside the window: a tall window shows all of it in the screenshot.
    await page.setViewportSize({ width: 1400, height: 3000 })
    await screenshot(page, 'workbench-compare')
  })

  it('exports the chosen runs as CSV', async () => {
    const download = page.waitForEvent('download')
    await byId('compare-export-csv').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/\.csv$/)
    const text = readFileSync((await file.path())!, 'utf8')
    // One row a logged value: both runs' epoch losses are there.
    const rows = text
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(','))
    const key = rows[0].indexOf('key')
    const losses = rows.filter((r) => r[key] === 'loss')
    expect(losses).toHaveLength(2 * 2)
    await expect.poll(() => byId('compare-export-saved').textContent()).toContain('.csv')
  })

  it('sweeps the learning rate of SGD on the moons and marks the best rate', async () => {
    await page.setViewportSize({ width: 1400, height: 1000 })
    const before = page.url()
    await byId('compare-new-sweep').click()
    await byId('compare-spec-dataset').selectOption('moons')
    await byId('compare-spec-layers').fill('8:tanh,1:sigmoid')
    await byId('compare-spec-limit').fill('200')
    await byId('compare-spec-epochs').fill('3')
    await byId('compare-sweep-min').fill('0.01')
    await byId('compare-sweep-max').fill('1')
    await byId('compare-sweep-steps').fill('3')
    await byId('compare-sweep-seeds').fill('2')
    await byId('compare-start').click()
    await expect.poll(() => page.url()).not.toBe(before)
    const sweep = byId('compare-sweep')
    await expect.poll(() => sweep.getAttribute('data-phase'), { timeout: 100_000 }).toBe('done')
    await expect.poll(() => byId('compare-sweep-best').textContent()).toMatch(/Best rate: \S+/)
    expect(await sweep.locator('tbody tr').count()).toBe(3)
    await expect.poll(() => byId('compare-sweep-best').textContent()).toMatch(/rerun over 2 seeds/)
    // The best rate's grid run and its two reruns differ only in their seeds: one band.
    await expect
      .poll(() => byId('compare-legend-item').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringMatching(/mean ± std of 3/)]))
    // Every run of the sweep ends, here as on the service.
    await expect
      .poll(() => byId('compare-experiment').textContent())
      .toMatch(/5 runs — 5 completed/)
    await page.setViewportSize({ width: 1400, height: 3600 })
    await screenshot(page, 'workbench-compare-sweep')
    await page.goBack()
  })

  it('reloads the same comparison from its URL, in the dark theme too', async () => {
    await page.reload()
    await expect.poll(() => byId('compare-legend-item').count()).toBe(2)
    await byId('theme-dark').click()
    await screenshot(page, 'workbench-compare-dark')
    await byId('theme-light').click()
  })

  itLoggedNoProblems(workbench)
})
