import type { Database } from 'better-sqlite3'

/**
 * Forward-only schema migrations; `PRAGMA user_version` holds how many have run.
 * Never edit a migration that has shipped: add the next one.
 */
export const migrations: ReadonlyArray<(db: Database) => void> = [
  // 1: key/value settings (window placement, preferences).
  (db) => {
    db.exec(`CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT`)
  }
]

export const schemaVersion = migrations.length

export function migrate(db: Database): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number
  if (from > schemaVersion) {
    throw new Error(
      `The database was written by a newer Descent (schema ${from}; this version knows up to ${schemaVersion}). ` +
        'Update Descent, or point DESCENT_HOME at another folder.'
    )
  }
  for (let v = from; v < schemaVersion; v++) {
    db.transaction(() => {
      migrations[v](db)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
  return { from, to: schemaVersion }
}
