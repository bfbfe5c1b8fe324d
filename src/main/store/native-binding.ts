import { join } from 'node:path'

/**
 * better-sqlite3 is a native module: the build `npm ci` makes targets Node's ABI (tests, CLI,
 * web host). The Electron main process needs one built for Electron's ABI. From a checkout,
 * `npm start` produces it once with @electron/rebuild and keeps it beside the Node build, in
 * `.electron-native/`; this decides which binary the store passes as better-sqlite3's
 * `nativeBinding`. A packaged app needs nothing: electron-builder rebuilt node_modules for Electron.
 */
export interface RuntimeFacts {
  /** process.versions.electron, when running inside Electron. */
  electronVersion?: string
  /** Electron's app.isPackaged. */
  isPackaged: boolean
  platform: string
  arch: string
  /** The project root (where package.json lives). */
  root: string
}

export function electronBindingDir(
  root: string,
  electronVersion: string,
  platform: string,
  arch: string
): string {
  return join(root, '.electron-native', `electron-v${electronVersion}-${platform}-${arch}`)
}

export function electronBindingPath(
  root: string,
  electronVersion: string,
  platform: string,
  arch: string
): string {
  return join(electronBindingDir(root, electronVersion, platform, arch), 'better_sqlite3.node')
}

/** undefined = let better-sqlite3 find its own build. */
export function chooseNativeBinding(facts: RuntimeFacts): string | undefined {
  if (!facts.electronVersion || facts.isPackaged) return undefined
  return electronBindingPath(facts.root, facts.electronVersion, facts.platform, facts.arch)
}
