/** What both Learn stories do with the page: open the view, read canvases, shoot sections. */
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { resultsDir } from './harness'

/** A canvas's pixels as a data URL, to tell whether a redraw changed anything. */
export const pixels = (canvas: Locator): Promise<string> =>
  canvas.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL())

/** Opens Learn at `url` in a window tall enough for each section to fit whole in a screenshot. */
export async function openLearn(
  page: Page,
  url: string,
  height: number,
  sections: readonly string[]
): Promise<void> {
  await page.setViewportSize({ width: 1280, height })
  await page.goto(url)
  await page.getByTestId('nav-learn').click()
  await expect.poll(() => page.url()).toContain('#/learn')
  for (const section of sections) {
    await expect
      .poll(() => page.getByTestId(`${section}-section`).locator('h2').textContent())
      .toMatch(/\S/)
  }
}

/** test-results/learn-<section>[-<variant>].png: the whole section. */
export async function shootSection(page: Page, section: string, variant?: string): Promise<void> {
  const name = variant ? `learn-${section}-${variant}` : `learn-${section}`
  await page.getByTestId(`${section}-section`).screenshot({ path: join(resultsDir, `${name}.png`) })
}
