import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { itLoggedNoProblems, useWorkbench } from './harness'
import { openLearn, pixels, shootSection } from './learn-page'

let page: Page
const workbench = useWorkbench((opened) => {
  page = opened.page
})

/** The pixels of the canvas inside a chart component. */
const chartPixels = (chart: Locator): Promise<string> => pixels(chart.locator('canvas'))

/** A number as the page prints it: a real minus sign, thousands separators, a % sign. */
const shown = async (locator: Locator): Promise<number> =>
  Number(
    (await locator.textContent())!
      .trim()
      .replace(/−/g, '-')
      .replace(/[,%]/g, '')
      .replace(/\s.*$/, '')
  )

describe('the Learn view, sections 4–6, in a browser', () => {
  it('opens with the three sections', async () => {
    await openLearn(page, workbench.server.url, 1500, ['nudge', 'batch', 'playground'])
  })

  it('4. nudging: picking a weight and an ε redraws the slice, and the slopes agree', async () => {
    const canvas = page.getByTestId('nudge-canvas')
    await canvas.scrollIntoViewIfNeeded()
    const slope = await shown(page.getByTestId('nudge-slope'))
    const gradient = await shown(page.getByTestId('nudge-gradient'))
    expect(Math.abs(slope - gradient)).toBeLessThan(1e-2)

    let before = await pixels(canvas)
    const weight = await canvas.getAttribute('data-weight')
    await page.getByTestId('nudge-cell-0-3').click()
    await expect.poll(() => canvas.getAttribute('data-weight')).not.toBe(weight)
    expect(await pixels(canvas)).not.toBe(before)

    // A small ε: the nudged slope matches the backpropagated gradient closely.
    before = await pixels(canvas)
    await page.getByTestId('nudge-epsilon').fill('-2.5')
    await expect.poll(() => canvas.getAttribute('data-epsilon')).toBe('0.0032')
    expect(await pixels(canvas)).not.toBe(before)
    const difference = await shown(page.getByTestId('nudge-difference'))
    expect(Math.abs(difference)).toBeLessThan(1e-3)

    // The lecture's step: keep whichever nudge lowered the loss.
    await page.getByTestId('nudge-epsilon').fill('-1')
    await expect.poll(() => canvas.getAttribute('data-epsilon')).toBe('0.1')
    const loss = await shown(page.getByTestId('nudge-loss'))
    const lower = Math.min(
      await shown(page.getByTestId('nudge-loss-down')),
      await shown(page.getByTestId('nudge-loss-up'))
    )
    await page.getByTestId('nudge-step').click()
    if (lower < loss) {
      await expect.poll(() => shown(page.getByTestId('nudge-loss'))).toBeCloseTo(lower, 4)
    }
  })

  it('4. all weights: 2·P forward passes against one backward pass, timed live', async () => {
    await page.getByTestId('nudge-race-network').selectOption('small')
    await page.getByTestId('nudge-race-run').click()
    const race = page.getByTestId('nudge-race')
    await expect.poll(() => race.getAttribute('data-done'), { timeout: 60_000 }).toBe('true')
    // 64-32-10: P = 64·32 + 32 + 32·10 + 10 = 2410.
    expect(await race.getAttribute('data-passes')).toBe('4820')
    expect(await page.getByTestId('nudge-race-passes').textContent()).toMatch(/4,820 of 4,820/)
    expect(await shown(page.getByTestId('nudge-race-ratio'))).toBeGreaterThan(10)
    expect(await shown(page.getByTestId('nudge-race-difference'))).toBeLessThan(1e-3)
    expect(await page.getByTestId('nudge-race-backprop-time').textContent()).toMatch(/\d.*ms/)
    await shootSection(page, 'nudge')
  })

  it('5. batch sizes: one run trains all three modes with their own number of updates', async () => {
    const section = page.getByTestId('batch-section')
    await section.scrollIntoViewIfNeeded()
    const updates = page.getByTestId('batch-update-chart')
    const before = await chartPixels(updates)
    await page.getByTestId('batch-epochs').fill('5')
    await page.getByTestId('batch-run').click()
    await expect.poll(() => section.getAttribute('data-epochs-done'), { timeout: 60_000 }).toBe('5')
    await expect.poll(() => section.getAttribute('data-running')).toBe('false')
    // 400 samples, 300 to train: batch 1 → 300 updates an epoch, 32 → 10, all → 1.
    expect(await shown(page.getByTestId('batch-updates-0'))).toBe(1500)
    expect(await shown(page.getByTestId('batch-updates-1'))).toBe(50)
    expect(await shown(page.getByTestId('batch-updates-2'))).toBe(5)
    for (const i of [0, 1, 2]) {
      const accuracy = await shown(page.getByTestId(`batch-accuracy-${i}`))
      expect(accuracy).toBeGreaterThan(50)
      expect(accuracy).toBeLessThanOrEqual(100)
      expect(await page.getByTestId(`batch-time-${i}`).textContent()).toMatch(/\d.*ms/)
    }
    await expect.poll(() => updates.getAttribute('data-points')).toBe(String(1500 + 50 + 5))
    await expect
      .poll(() => page.getByTestId('batch-epoch-chart').getAttribute('data-points'))
      .toBe('15')
    expect(await chartPixels(updates)).not.toBe(before)
    const mnist = await page.getByTestId('batch-mnist-1').getAttribute('href')
    expect(mnist).toMatch(/#\/build\?/)
    expect(mnist).toMatch(/batchSize=32/)
    await shootSection(page, 'batch')
  })

  it('6. playground: data, network and training all change the decision regions', async () => {
    const section = page.getByTestId('playground-section')
    await section.scrollIntoViewIfNeeded()
    const canvas = page.getByTestId('playground-canvas')
    let before = await pixels(canvas)
    await page.getByTestId('playground-dataset').selectOption('moons')
    await expect.poll(() => pixels(canvas)).not.toBe(before)
    expect(await page.getByTestId('playground-output').textContent()).toMatch(/1 sigmoid/)

    before = await pixels(canvas)
    await page.getByTestId('playground-noise').fill('0.2')
    await expect.poll(() => pixels(canvas)).not.toBe(before)

    await page.getByTestId('playground-add-layer').click()
    await expect.poll(() => page.getByTestId('playground-layer-2').count()).toBe(1)
    await page.getByTestId('playground-remove-2').click()
    await expect.poll(() => page.getByTestId('playground-layer-2').count()).toBe(0)
    await page.getByTestId('playground-optimizer').selectOption('rmsprop')

    before = await pixels(canvas)
    await page.getByTestId('playground-train').click()
    await expect
      .poll(() => shown(page.getByTestId('playground-epoch')), { timeout: 60_000 })
      .toBeGreaterThan(30)
    await page.getByTestId('playground-pause').click()
    await expect.poll(() => pixels(canvas)).not.toBe(before)
    expect(Number(await canvas.getAttribute('data-epoch'))).toBeGreaterThan(0)
    expect(await shown(page.getByTestId('playground-test-accuracy'))).toBeGreaterThan(80)
    expect(await shown(page.getByTestId('playground-loss'))).toBeLessThan(0.5)
    expect(
      Number(await page.getByTestId('playground-loss-chart').getAttribute('data-points'))
    ).toBeGreaterThan(60)
    expect(await page.getByTestId('playground-mnist').getAttribute('href')).toMatch(
      /optimizer=rmsprop/
    )
    await shootSection(page, 'playground')
  })

  it('6. playground: the spiral needs three classes and a softmax', async () => {
    await page.getByTestId('playground-dataset').selectOption('spiral')
    expect(await page.getByTestId('playground-output').textContent()).toMatch(/3 softmax/)
    expect(await shown(page.getByTestId('playground-epoch'))).toBe(0)
  })

  it('draws the sections in the dark theme too', async () => {
    await page.getByTestId('theme-dark').click()
    const canvas = page.getByTestId('playground-canvas')
    await page.getByTestId('playground-step').click()
    await expect.poll(() => shown(page.getByTestId('playground-epoch'))).toBe(1)
    await shootSection(page, 'playground', 'dark')
    expect(await canvas.getAttribute('data-epoch')).toBe('1')
    await page.getByTestId('theme-light').click()
  })

  itLoggedNoProblems(workbench)
})
