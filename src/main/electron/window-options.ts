import type { BrowserWindowConstructorOptions, Rectangle } from 'electron'

/** The window's security settings live here, in one place the tests read. */
export function secureWebPreferences(
  preloadPath: string
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false
  }
}

export function mainWindowOptions(
  preloadPath: string,
  bounds: Partial<Rectangle>
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Descent',
    backgroundColor: '#1b1d23',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preloadPath)
  }
}
