import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'

export const root = resolve(__dirname, '../..')
export const resultsDir = join(root, 'test-results')
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface Server {
  url: string
  dataFolder: string
  process: ChildProcess
  output: () => string
  stop(): Promise<number | null>
}

/** Starts `descent serve` (the built CLI) on a free port over the given data folder. */
export async function startServer(
  dataFolder = mkdtempSync(join(tmpdir(), 'descent-e2e-'))
): Promise<Server> {
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    throw new Error('The app is not built: run `npm run build` before the end-to-end tests')
  }
  const child = spawn(process.execPath, [join(root, 'bin', 'descent.js'), 'serve', '--port', '0'], {
    env: { ...process.env, DESCENT_HOME: dataFolder },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`descent serve printed no URL:\n${output}`)),
      30_000
    )
    const check = (): void => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[1])
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => reject(new Error(`descent serve exited (${code}):\n${output}`)))
  })
  return {
    url,
    dataFolder,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done(child.exitCode)
        child.once('exit', (code) => done(code))
        child.kill('SIGTERM')
      })
  }
}

export interface Browser {
  context: BrowserContext
  page: Page
  /** Console errors, page errors and failed requests seen so far. */
  problems: string[]
  close(): Promise<void>
}

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export async function openBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: install Debian's chromium (apt-get install -y chromium)`
    )
  }
  const profile = mkdtempSync(join(tmpdir(), 'descent-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 820 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning')
      problems.push(`console.${msg.type()}: ${msg.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('requestfailed', (req) =>
    problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`)
  )
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true })
  const path = join(resultsDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

export interface Workbench {
  server: Server
  browser: Browser
  page: Page
}

/**
 * A file's workbench: the web host over a fresh data folder and a browser, started before its
 * tests (then `ready` runs) and closed after them with the folder removed. The fields are set by
 * the time the tests run.
 */
export function useWorkbench(ready?: (workbench: Workbench) => Promise<void> | void): Workbench {
  const workbench = {} as Workbench
  beforeAll(async () => {
    workbench.server = await startServer()
    workbench.browser = await openBrowser()
    workbench.page = workbench.browser.page
    await ready?.(workbench)
  })
  afterAll(async () => {
    await workbench.browser?.close()
    await workbench.server?.stop()
    if (workbench.server) rmSync(workbench.server.dataFolder, { recursive: true, force: true })
  })
  return workbench
}

/** The last check of a story: the page logged no console errors, page errors or failed requests. */
export function itLoggedNoProblems(workbench: Workbench): void {
  it('logged no console errors, page errors or failed requests', () => {
    expect(workbench.browser.problems).toEqual([])
  })
}
