import { describe, expect, it } from 'vitest'
import { viewNames } from '../../src/contract'
import { itLoggedNoProblems, screenshot, useWorkbench } from './harness'

const workbench = useWorkbench()

describe('the workbench shell in a browser', () => {
  it('loads, shows where its data lives, and answers a real API round trip', async () => {
    const { page } = workbench
    await page.goto(workbench.server.url)
    await expect
      .poll(() => page.getByTestId('about-data-folder').textContent())
      .toContain(workbench.server.dataFolder)
    expect(await page.getByTestId('about-backend').textContent()).toMatch(/\S/)
    expect(await page.getByTestId('about-version').textContent()).toMatch(/\d+\.\d+\.\d+/)
    await page.getByTestId('ping-button').click()
    await expect
      .poll(() => page.getByTestId('ping-result').textContent())
      .toMatch(/\d+(\.\d+)?\s*ms/)
  })

  it('visits every view', async () => {
    const { page } = workbench
    for (const view of viewNames) {
      await page.getByTestId(`nav-${view}`).click()
      await expect.poll(() => page.url()).toContain(`#/${view}`)
      await expect
        .poll(() => page.locator('main h1').first().textContent())
        .toMatch(new RegExp(view, 'i'))
      await screenshot(page, `shell-${view}`)
    }
  })

  it('keeps the session across a reload (the token stays with the page)', async () => {
    const { page } = workbench
    await page.reload()
    await expect
      .poll(() => page.getByTestId('about-data-folder').textContent())
      .toContain(workbench.server.dataFolder)
  })

  itLoggedNoProblems(workbench)

  it('shuts down cleanly on SIGTERM', async () => {
    expect(await workbench.server.stop()).toBe(0)
    expect(workbench.server.output()).toMatch(/SIGTERM: shutting down/)
  })
})
