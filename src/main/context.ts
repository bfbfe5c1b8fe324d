import { homedir } from 'node:os'
import type { Database } from 'better-sqlite3'
import { EventBus } from './api/event-bus'
import { dataFolder as defaultDataFolder, databasePath } from './paths'
import { openDatabase } from './store/database'
import { Settings } from './store/settings'
import { version } from '../../package.json'

/** Everything a service needs, made once per process by whichever door starts. */
export interface AppContext {
  readonly runtime: 'electron' | 'node'
  readonly version: string
  readonly dataFolder: string
  readonly databasePath: string
  readonly db: Database
  readonly settings: Settings
  readonly events: EventBus
  close(): void
}

export interface ContextOptions {
  runtime: 'electron' | 'node'
  /** Defaults to DESCENT_HOME or the OS user-data folder. */
  dataFolder?: string
  nativeBinding?: string
}

export function createContext(options: ContextOptions): AppContext {
  const folder =
    options.dataFolder ??
    defaultDataFolder({ platform: process.platform, env: process.env, home: homedir() })
  const dbPath = databasePath(folder)
  const db = openDatabase(dbPath, { nativeBinding: options.nativeBinding })
  return {
    runtime: options.runtime,
    version,
    dataFolder: folder,
    databasePath: dbPath,
    db,
    settings: new Settings(db),
    events: new EventBus(),
    close: () => db.close()
  }
}
