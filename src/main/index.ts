import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ipcChannels, type WireEvent } from '../contract'
import { createDispatch, createHandlers } from './api/handlers'
import { createContext, type AppContext } from './context'
import { isTrustedUrl, registerIpc } from './electron/ipc'
import { menuTemplate } from './electron/menu'
import { createMainWindow } from './electron/window'
import { ensureElectronBinding } from './store/electron-rebuild'
import { attachRunner, runnerOf } from './services/runs/runner-registry'
import { chooseNativeBinding } from './store/native-binding'

/** The Electron shell. The only code that imports `electron` lives here and in ./electron/. */
const isDev = !app.isPackaged && !!process.env.ELECTRON_RENDERER_URL
const rendererUrl =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let win: BrowserWindow | null = null
  let ctx: AppContext | null = null

  app.on('second-instance', () => {
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url, rendererUrl)) event.preventDefault()
    })
  })

  void app.whenReady().then(async () => {
    const nativeBinding = chooseNativeBinding({
      electronVersion: process.versions.electron,
      isPackaged: app.isPackaged,
      platform: process.platform,
      arch: process.arch,
      root: app.getAppPath()
    })
    try {
      if (nativeBinding) {
        const built = await ensureElectronBinding({
          target: nativeBinding,
          root: app.getAppPath(),
          electronVersion: process.versions.electron,
          execPath: process.execPath
        })
        if (built)
          console.log(
            `Built better-sqlite3 for Electron ${process.versions.electron}: ${nativeBinding}`
          )
      }
      ctx = createContext({ runtime: 'electron', nativeBinding })
    } catch (err) {
      dialog.showErrorBox(
        'Descent cannot open its database',
        err instanceof Error ? err.message : String(err)
      )
      app.exit(1)
      return
    }
    const context = ctx
    // Training workers open the database themselves: they need the same native binding. In a
    // packaged app the worker and the kernels sit unpacked beside the asar archive.
    const unpacked = (path: string): string =>
      path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1')
    attachRunner(context, {
      nativeBinding,
      workerPath: unpacked(join(__dirname, 'train-worker.js')),
      wasmDir: unpacked(join(app.getAppPath(), 'resources', 'wasm'))
    })
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
      callback(false)
    )
    const dispatch = createDispatch(createHandlers(context))
    registerIpc(
      ipcMain,
      dispatch,
      (event) =>
        event.sender === win?.webContents && isTrustedUrl(event.senderFrame?.url, rendererUrl)
    )
    context.events.subscribe((event, payload) => {
      win?.webContents.send(ipcChannels.event, { event, payload } satisfies WireEvent)
    })

    win = createMainWindow(context.settings, join(__dirname, '../preload/index.js'), rendererUrl)
    win.on('closed', () => (win = null))
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          {
            navigate: (view) => context.events.emit('app.navigate', { view }),
            about: () =>
              void dialog.showMessageBox({
                type: 'info',
                title: 'About Descent',
                message: `Descent ${context.version}`,
                detail: `Data folder: ${context.dataFolder}\nElectron ${process.versions.electron}, Node ${process.versions.node}`
              }),
            openDataFolder: () => void shell.openPath(context.dataFolder)
          },
          process.platform === 'darwin',
          isDev
        )
      )
    )
  })

  app.on('window-all-closed', () => app.quit())
  // Let running jobs stop after their batch and checkpoint, then close the database.
  let quitting = false
  app.on('before-quit', (event) => {
    if (quitting || !ctx) return
    event.preventDefault()
    quitting = true
    const context = ctx
    void runnerOf(context)
      .shutdown()
      .finally(() => {
        context.close()
        ctx = null
        app.quit()
      })
  })
}
