import { BrowserWindow, screen, shell } from 'electron'
import type { Settings } from '../store/settings'
import { mainWindowOptions } from './window-options'
import { restoreBounds, type WindowState } from './window-state'

const stateKey = 'window.main'

/** The one window: secure settings, no navigation away, no pop-ups, placement remembered. */
export function createMainWindow(
  settings: Settings,
  preloadPath: string,
  rendererUrl: string
): BrowserWindow {
  const saved = settings.get<WindowState>(stateKey)
  const areas = screen.getAllDisplays().map((d) => d.workArea)
  const win = new BrowserWindow(mainWindowOptions(preloadPath, restoreBounds(saved, areas)))
  if (saved?.maximized) win.maximize()

  win.webContents.on('will-navigate', (event, url) => {
    if (url !== win.webContents.getURL()) event.preventDefault()
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation may open in the user's browser; nothing opens inside the app.
    if (url.startsWith('https:')) void shell.openExternal(url)
    return { action: 'deny' }
  })

  const save = (): void => {
    if (win.isDestroyed()) return
    settings.set(stateKey, {
      bounds: win.getNormalBounds(),
      maximized: win.isMaximized()
    } satisfies WindowState)
  }
  win.on('close', save)
  win.once('ready-to-show', () => win.show())
  void win.loadURL(rendererUrl)
  return win
}
