import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { callNames, ipcChannels, viewNames } from '../../../src/contract'
import { recorded } from './electron-mock'

vi.mock('electron', async () => (await import('./electron-mock')).electronModule())

const dataFolder = mkdtempSync(join(tmpdir(), 'descent-shell-'))
const trusted = () => ({
  sender: recorded.windows[0].webContents,
  senderFrame: { url: `${recorded.windows[0].loaded}#/train` }
})

beforeAll(async () => {
  process.env.DESCENT_HOME = dataFolder
  await import('../../../src/main/index')
  // app.whenReady() resolved: let the shell finish starting.
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(1))
})

afterAll(() => {
  delete process.env.DESCENT_HOME
  rmSync(dataFolder, { recursive: true, force: true })
})

describe('the Electron shell', () => {
  it('takes the single-instance lock', () => {
    expect(recorded.singleInstanceLock).toBe(1)
  })

  it('opens one window with the secure web preferences', () => {
    const prefs = recorded.windows[0].options.webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false
    })
    expect(prefs.preload).toMatch(/preload[\\/]index\.js$/)
    expect(recorded.windows[0].loaded).toMatch(/^file:.*renderer\/index\.html$/)
  })

  it('denies window.open and navigation away from the app', () => {
    const wc = recorded.windows[0].webContents
    expect(wc.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(wc.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(recorded.openedExternal).toEqual(['https://example.com/'])
    const prevent = vi.fn()
    wc.handlers['will-navigate']({ preventDefault: prevent }, 'https://evil.example/')
    expect(prevent).toHaveBeenCalled()
  })

  it('refuses every permission request (camera, notifications, …)', () => {
    const answer = vi.fn()
    recorded.permissionHandler?.({}, 'media', answer)
    expect(answer).toHaveBeenCalledWith(false)
  })

  it('registers one IPC handler for every call of the contract and nothing else', () => {
    expect([...recorded.ipc.keys()].sort()).toEqual(
      callNames.map((n) => ipcChannels.call(n)).sort()
    )
  })

  it('validates every input and answers with the error shape', async () => {
    const ping = recorded.ipc.get(ipcChannels.call('app.ping'))!
    expect(await ping(trusted(), { echo: 'x' })).toMatchObject({
      ok: true,
      result: { pong: true, echo: 'x' }
    })
    expect(await ping(trusted(), { echo: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' }
    })
    for (const name of callNames) {
      const reply = (await recorded.ipc.get(ipcChannels.call(name))!(trusted(), {
        unexpected: 1
      })) as { ok: boolean; error?: { code: string } }
      expect(reply, name).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    }
  })

  it('checks the sender: other pages and other webContents are refused', async () => {
    const info = recorded.ipc.get(ipcChannels.call('app.info'))!
    expect(
      await info({ ...trusted(), senderFrame: { url: 'https://evil.example/' } }, {})
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    expect(await info({ sender: {}, senderFrame: trusted().senderFrame }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    expect(await info(trusted(), {})).toMatchObject({
      ok: true,
      result: { runtime: 'electron', dataFolder }
    })
  })

  it('has a menu that navigates to every view and forwards events to the window', () => {
    const go = (
      recorded.menuTemplate as {
        label?: string
        submenu?: { label: string; accelerator: string; click: () => void }[]
      }[]
    ).find((m) => m.label === 'Go')!
    expect(go.submenu!.map((i) => i.accelerator)).toEqual(
      viewNames.map((_, i) => `CmdOrCtrl+${i + 1}`)
    )
    go.submenu![6].click()
    expect(recorded.windows[0].webContents.sent.at(-1)).toEqual({
      channel: ipcChannels.event,
      message: { event: 'app.navigate', payload: { view: 'learn' } }
    })
  })

  it('on quit, lets training jobs stop and checkpoint before closing the database', async () => {
    const electron = (await import('electron')) as unknown as {
      app: { quit: ReturnType<typeof vi.fn> }
    }
    const preventDefault = vi.fn()
    recorded.appEvents.get('before-quit')!({ preventDefault })
    expect(preventDefault).toHaveBeenCalled()
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled())
  })
})
