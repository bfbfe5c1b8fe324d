import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { migrate } from './migrations'

export interface OpenOptions {
  /** A better-sqlite3 binary other than its default (the Electron-ABI build, see native-binding.ts). */
  nativeBinding?: string
}

/** Opens (creating if needed) the one database file, in WAL mode with foreign keys on, migrated. */
export function openDatabase(path: string, options: OpenOptions = {}): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new BetterSqlite3(
    path,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  )
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    db.pragma('synchronous = NORMAL')
    migrate(db)
  } catch (err) {
    db.close()
    throw err
  }
  return db
}
