import type { MenuItemConstructorOptions } from 'electron'
import { viewNames, type ViewName } from '../../contract'

export interface MenuActions {
  navigate(view: ViewName): void
  about(): void
  openDataFolder(): void
}

const titles: Record<ViewName, string> = {
  build: 'Build',
  train: 'Train',
  compare: 'Compare',
  runs: 'Runs',
  models: 'Models',
  data: 'Data',
  learn: 'Learn'
}

/** The application menu: views on Ctrl/Cmd+1…7, the usual edit, view and window roles. */
export function menuTemplate(
  actions: MenuActions,
  isMac: boolean,
  isDev: boolean
): MenuItemConstructorOptions[] {
  const go: MenuItemConstructorOptions[] = viewNames.map((view, i) => ({
    label: titles[view],
    accelerator: `CmdOrCtrl+${i + 1}`,
    click: () => actions.navigate(view)
  }))
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open Data Folder', click: () => actions.openDataFolder() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    { label: 'Go', submenu: go },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(isDev ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Descent', click: () => actions.about() }] }
  ]
  return isMac ? [{ role: 'appMenu' }, ...template] : template
}
