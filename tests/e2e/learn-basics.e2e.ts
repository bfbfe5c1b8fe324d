import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { itLoggedNoProblems, useWorkbench } from './harness'
import { openLearn, pixels, shootSection } from './learn-page'

let page: Page
const workbench = useWorkbench((opened) => {
  page = opened.page
})

/** A number as the page prints it (a real minus sign, maybe exponent notation). */
const shown = async (locator: Locator): Promise<number> =>
  Number((await locator.textContent())!.trim().replaceAll('−', '-'))

/** Presses at a point of a canvas (fractions of its size) and drags to another. */
async function drag(canvas: Locator, from: [number, number], to: [number, number]): Promise<void> {
  await canvas.scrollIntoViewIfNeeded()
  const box = (await canvas.boundingBox())!
  const at = ([fx, fy]: [number, number]): [number, number] => [
    box.x + fx * box.width,
    box.y + fy * box.height
  ]
  await page.mouse.move(...at(from))
  await page.mouse.down()
  await page.mouse.move(...at([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]), { steps: 4 })
  await page.mouse.move(...at(to), { steps: 4 })
  await page.mouse.up()
}

describe('the Learn view, sections 1–3, in a browser', () => {
  it('opens with the three sections', async () => {
    await openLearn(page, workbench.server.url, 1400, ['derivative', 'descent1d', 'surfaces'])
  })

  it('1. derivative: the slider and a drag move the point, the tangent slope follows f′', async () => {
    const canvas = page.getByTestId('derivative-canvas')
    const before = await pixels(canvas)
    await page.getByTestId('derivative-point').fill('2')
    await expect.poll(() => canvas.getAttribute('data-p')).toBe('2')
    expect(await pixels(canvas)).not.toBe(before)
    // f(x) = x⁴/4 + x³/6 − 3x²/2: f(2) = 4 + 4/3 − 6 = −2/3, f′(2) = 8 + 2 − 6 = 4.
    expect(await shown(page.getByTestId('derivative-slope'))).toBeCloseTo(4, 3)
    expect(await shown(page.getByTestId('derivative-value'))).toBeCloseTo(-2 / 3, 3)
    const errors = await page
      .getByTestId('derivative-table')
      .locator('td[data-error]')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-error'))))
    expect(errors).toHaveLength(4)
    for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeGreaterThan(errors[i - 1])

    const afterSlider = await pixels(canvas)
    await drag(canvas, [0.6, 0.5], [0.3, 0.5])
    await expect.poll(async () => Number(await canvas.getAttribute('data-p'))).toBeLessThan(0)
    expect(await pixels(canvas)).not.toBe(afterSlider)

    await page.getByTestId('derivative-function').selectOption('cosine')
    await page.getByTestId('derivative-point').fill('1')
    // The slider snaps to its step; whatever p it lands on, the slope is −sin p.
    await expect
      .poll(async () => Math.abs(Number(await canvas.getAttribute('data-p')) - 1))
      .toBeLessThan(0.02)
    const p = Number(await canvas.getAttribute('data-p'))
    expect(await shown(page.getByTestId('derivative-slope'))).toBeCloseTo(-Math.sin(p), 3)
    await shootSection(page, 'derivative')
  })

  it('2. descent: a too-large rate diverges, momentum reaches the global minimum, plain GD the local one', async () => {
    const canvas = page.getByTestId('descent1d-canvas')
    const status = page.getByTestId('descent1d-status')
    await canvas.scrollIntoViewIfNeeded()
    await page.getByTestId('descent1d-speed').selectOption('25')

    const start = await pixels(canvas)
    await page.getByTestId('descent1d-step').click()
    await expect.poll(() => page.getByTestId('descent1d-steps').textContent()).toBe('1')
    expect(await pixels(canvas)).not.toBe(start)

    await page.getByTestId('descent1d-preset-tooLarge').click()
    expect(await page.getByTestId('descent1d-lr-value').textContent()).toBe('0.3')
    await page.getByTestId('descent1d-play').click()
    await expect.poll(() => status.getAttribute('data-status')).toBe('diverged')

    await page.getByTestId('descent1d-preset-good').click()
    await expect.poll(() => page.getByTestId('descent1d-steps').textContent()).toBe('0')
    await page.getByTestId('descent1d-play').click()
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('settled')
    expect(await status.textContent()).toContain('local minimum')
    expect(await shown(page.getByTestId('descent1d-x'))).toBeCloseTo(1.5, 2)
    const local = await pixels(canvas)

    await page.getByTestId('descent1d-momentum').fill('0.9')
    await expect.poll(() => page.getByTestId('descent1d-momentum-value').textContent()).toBe('0.90')
    await page.getByTestId('descent1d-play').click()
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('settled')
    expect(await status.textContent()).toContain('global minimum')
    expect(await shown(page.getByTestId('descent1d-x'))).toBeCloseTo(-2, 2)
    expect(await pixels(canvas)).not.toBe(local)
    expect(await pixels(page.getByTestId('descent1d-loss'))).not.toBe(start)
    await shootSection(page, 'descent1d')

    // The log slider: position 20 of 80 is lr = 0.001.
    await page.getByTestId('descent1d-lr').fill('20')
    await expect.poll(() => page.getByTestId('descent1d-lr-value').textContent()).toBe('0.001')
    const link = await page.getByTestId('descent1d-mnist').getAttribute('href')
    expect(link).toContain('optimizer=sgd')
    expect(link).toContain('momentum=0.9')

    // Dragging the ball moves the start; reset puts it back.
    await drag(canvas, [0.9, 0.5], [0.2, 0.5])
    await expect.poll(async () => Number(await canvas.getAttribute('data-x'))).toBeLessThan(-1)
    await page.getByTestId('descent1d-reset').click()
    await expect.poll(() => canvas.getAttribute('data-x')).toBe('3')
  })

  it('3. surfaces: switching surface, tuning, dragging the start and toggling a path change the picture', async () => {
    const canvas = page.getByTestId('surfaces-canvas')
    await canvas.scrollIntoViewIfNeeded()
    const idle = async (): Promise<void> => {
      await expect.poll(() => canvas.getAttribute('data-busy')).toBe('false')
    }
    await idle()
    const rosenbrock = await pixels(canvas)
    await shootSection(page, 'surfaces', 'rosenbrock')

    await page.getByTestId('surfaces-surface').selectOption('bowl')
    await expect.poll(() => canvas.getAttribute('data-surface')).toBe('bowl')
    await idle()
    await expect.poll(() => pixels(canvas)).not.toBe(rosenbrock)
    const untuned = await pixels(canvas)
    const defaultRate = await page.getByTestId('surfaces-lr-sgd').inputValue()
    expect(Number(defaultRate)).toBe(0.01)

    await page.getByTestId('surfaces-tune').click()
    await expect
      .poll(() => page.getByTestId('surfaces-tuned-adam').count(), { timeout: 60_000 })
      .toBe(1)
    for (const id of ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam']) {
      expect(await page.getByTestId(`surfaces-tuned-${id}`).count()).toBe(1)
      const loss = Number(await page.getByTestId(`surfaces-loss-${id}`).getAttribute('data-loss'))
      expect(loss).toBeGreaterThanOrEqual(0)
      expect(loss).toBeLessThan(25) // below f at the start (-2.5, 1)
    }
    expect(Number(await page.getByTestId('surfaces-lr-sgd').inputValue())).not.toBe(0.01)
    await idle()
    await expect.poll(() => pixels(canvas)).not.toBe(untuned)
    await shootSection(page, 'surfaces')

    const tuned = await pixels(canvas)
    const startBefore = await canvas.getAttribute('data-start')
    await drag(canvas, [0.3, 0.3], [0.7, 0.75])
    await expect.poll(() => canvas.getAttribute('data-start')).not.toBe(startBefore)
    await idle()
    // A new start is a new problem: the tuned marks go.
    expect(await page.getByTestId('surfaces-tuned-adam').count()).toBe(0)
    const moved = await pixels(canvas)
    expect(moved).not.toBe(tuned)

    await page.getByTestId('surfaces-toggle-sgd').uncheck()
    await expect.poll(() => pixels(canvas)).not.toBe(moved)

    await page.getByTestId('surfaces-lr-adam').fill('0.5')
    await page.getByTestId('surfaces-lr-adam').press('Enter')
    await idle()
    expect(await page.getByTestId('surfaces-mnist-adam').getAttribute('href')).toContain(
      'optimizer=adam'
    )

    for (const other of ['beale', 'saddle']) {
      const before = await pixels(canvas)
      await page.getByTestId('surfaces-surface').selectOption(other)
      await idle()
      await expect.poll(() => pixels(canvas)).not.toBe(before)
      await shootSection(page, 'surfaces', other)
    }
    // The saddle has no minimum: runs leave the box, and no distance is shown.
    expect(await page.getByTestId('surfaces-distance-adam').textContent()).toContain('—')
    expect(await page.getByTestId('surfaces-row-momentum').textContent()).toContain('left the box')
  })

  it('looks right in the dark theme too', async () => {
    await page.getByTestId('theme-dark').click()
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark')
    for (const section of ['derivative', 'descent1d', 'surfaces'])
      await shootSection(page, section, 'dark')
    await page.getByTestId('theme-light').click()
  })

  it('"Try this on MNIST" opens Build with the setting in the query', async () => {
    const link = page.getByTestId('surfaces-mnist-nesterov')
    const href = decodeURIComponent((await link.getAttribute('href')) ?? '')
    expect(href).toContain('#/build?')
    expect(href).toContain('optimizer=sgd')
    expect(href).toContain('nesterov=true')
    expect(href).toContain('dataset=mnist')
    expect(href).toContain('layers=512:relu,128:relu,10:softmax')
    // Build moves the query into its form (and then drops it from the address).
    await link.click()
    await expect.poll(() => page.url()).toContain('#/build')
    await expect.poll(() => page.getByTestId('build-optimizer').inputValue()).toBe('sgd')
    expect(await page.getByTestId('build-hp-input-nesterov').isChecked()).toBe(true)
    expect(await page.getByTestId('build-dataset').inputValue()).toBe('mnist')
    await expect
      .poll(() => page.getByTestId('build-summary-shape-0').textContent())
      .toBe('(None, 512)')
  })

  itLoggedNoProblems(workbench)
})
