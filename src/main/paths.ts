import { join } from 'node:path'

export const appName = 'Descent'

export interface PathEnv {
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  home: string
}

/**
 * The data folder every door agrees on: DESCENT_HOME if set, else the folder Electron's
 * app.getPath('userData') gives for an app named "Descent" — computed here without Electron so
 * that the CLI and the web host find the same database as the desktop app.
 */
export function dataFolder({ platform, env, home }: PathEnv): string {
  const override = env.DESCENT_HOME?.trim()
  if (override) return override
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), appName)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appName)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), appName)
}

export function databasePath(folder: string): string {
  return join(folder, 'descent.db')
}
