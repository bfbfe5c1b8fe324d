import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { viewNames } from '../../src/contract'
import { openBrowser, screenshot, startServer, type Browser, type Server } from './harness'

let server: Server
let browser: Browser

beforeAll(async () => {
  server = await startServer()
  browser = await openBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (server) rmSync(server.dataFolder, { recursive: true, force: true })
})

describe('the workbench shell in a browser', () => {
  it('loads, shows where its data lives, and answers a real API round trip', async () => {
    const { page } = browser
    await page.goto(server.url)
    await expect
      .poll(() => page.getByTestId('about-data-folder').textContent())
      .toContain(server.dataFolder)
    expect(await page.getByTestId('about-backend').textContent()).toMatch(/\S/)
    expect(await page.getByTestId('about-version').textContent()).toMatch(/\d+\.\d+\.\d+/)
    await page.getByTestId('ping-button').click()
    await expect
      .poll(() => page.getByTestId('ping-result').textContent())
      .toMatch(/\d+(\.\d+)?\s*ms/)
  })

  it('visits every view', async () => {
    const { page } = browser
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
    const { page } = browser
    await page.reload()
    await expect
      .poll(() => page.getByTestId('about-data-folder').textContent())
      .toContain(server.dataFolder)
  })

  it('logged no console errors, page errors or failed requests', () => {
    expect(browser.problems).toEqual([])
  })

  it('shuts down cleanly on SIGTERM', async () => {
    expect(await server.stop()).toBe(0)
    expect(server.output()).toMatch(/SIGTERM: shutting down/)
  })
})
