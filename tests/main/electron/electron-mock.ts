import { vi } from 'vitest'

/**
 * A stand-in for the `electron` module (the real one would try to download its binary).
 * It records what the shell asks of Electron so tests can assert on it.
 */
export interface FakeWebContents {
  handlers: Record<string, (...args: unknown[]) => void>
  windowOpenHandler?: (details: { url: string }) => { action: string }
  sent: { channel: string; message: unknown }[]
  on(name: string, fn: (...args: unknown[]) => void): void
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }): void
  send(channel: string, message: unknown): void
  getURL(): string
}

export const recorded = {
  windows: [] as { options: Record<string, any>; webContents: FakeWebContents; loaded?: string }[],
  ipc: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  menuTemplate: null as unknown[] | null,
  singleInstanceLock: 0,
  permissionHandler: null as
    null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  openedExternal: [] as string[],
  appEvents: new Map<string, (...args: unknown[]) => void>()
}

function fakeWebContents(): FakeWebContents {
  return {
    handlers: {},
    sent: [],
    on(name, fn) {
      this.handlers[name] = fn
    },
    setWindowOpenHandler(fn) {
      this.windowOpenHandler = fn
    },
    send(channel, message) {
      this.sent.push({ channel, message })
    },
    getURL() {
      return 'file:///app/out/renderer/index.html'
    }
  }
}

class BrowserWindow {
  webContents = fakeWebContents()
  private entry: (typeof recorded.windows)[number]
  constructor(options: Record<string, any>) {
    this.entry = { options, webContents: this.webContents }
    recorded.windows.push(this.entry)
  }
  maximize(): void {}
  on(): void {}
  once(): void {}
  isDestroyed(): boolean {
    return false
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 820 }
  }
  isMaximized(): boolean {
    return false
  }
  async loadURL(url: string): Promise<void> {
    this.entry.loaded = url
  }
}

export function electronModule() {
  return {
    BrowserWindow,
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => {
        recorded.singleInstanceLock++
        return true
      },
      on: (name: string, fn: (...args: unknown[]) => void) => recorded.appEvents.set(name, fn),
      whenReady: () => Promise.resolve(),
      getAppPath: () => '/app',
      quit: vi.fn(),
      exit: vi.fn()
    },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) =>
        recorded.ipc.set(channel, fn)
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => {
        recorded.menuTemplate = template
        return template
      },
      setApplicationMenu: vi.fn()
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof recorded.permissionHandler) =>
          (recorded.permissionHandler = fn)
      }
    },
    shell: {
      openExternal: async (url: string) => void recorded.openedExternal.push(url),
      openPath: vi.fn()
    },
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn() }
  }
}
