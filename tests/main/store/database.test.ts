import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/store/database'
import { schemaVersion } from '../../../src/main/store/migrations'
import { Settings } from '../../../src/main/store/settings'

const dirs: string[] = []
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'descent-db-'))
  dirs.push(dir)
  return join(dir, 'nested', 'descent.db')
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('openDatabase', () => {
  it('creates the folder and a migrated database in WAL mode with foreign keys on', () => {
    const db = openDatabase(tempDb())
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion)
    db.close()
  })

  it('reopens an existing database without running migrations again', () => {
    const path = tempDb()
    const first = openDatabase(path)
    new Settings(first).set('k', { a: 1 })
    first.close()
    const again = openDatabase(path)
    expect(new Settings(again).get('k')).toEqual({ a: 1 })
    again.close()
  })

  it('refuses a database from a newer Descent, leaving it untouched', () => {
    const path = tempDb()
    openDatabase(path).close()
    const raw = new BetterSqlite3(path)
    raw.pragma(`user_version = ${schemaVersion + 5}`)
    raw.close()
    expect(() => openDatabase(path)).toThrow(/newer Descent/)
    const check = new BetterSqlite3(path)
    expect(check.pragma('user_version', { simple: true })).toBe(schemaVersion + 5)
    check.close()
  })
})

describe('Settings', () => {
  it('stores JSON values and overwrites them', () => {
    const db = openDatabase(tempDb())
    const settings = new Settings(db)
    expect(settings.get('missing')).toBeUndefined()
    settings.set('window', { x: 1 })
    settings.set('window', { x: 2 })
    expect(settings.get('window')).toEqual({ x: 2 })
    db.close()
  })
})
