import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/store/database'
import { migrations, schemaVersion } from '../../../src/main/store/migrations'

const dirs: string[] = []
function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'descent-migrate-'))
  dirs.push(dir)
  return join(dir, 'descent.db')
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A database file left by an older Descent: the first `version` migrations, as it ran them. */
function databaseAt(version: number): string {
  const path = tempPath()
  const db = new BetterSqlite3(path)
  for (let v = 0; v < version; v++) {
    migrations[v](db)
    db.pragma(`user_version = ${v + 1}`)
  }
  if (version >= 1)
    db.prepare("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')").run()
  db.close()
  return path
}

function schemaOf(db: Database): { type: string; name: string; sql: string }[] {
  return db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    .all() as { type: string; name: string; sql: string }[]
}

describe('migrations', () => {
  it('build every table from an empty file', () => {
    const db = openDatabase(tempPath())
    expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion)
    const tables = schemaOf(db)
      .filter((t) => t.type === 'table')
      .map((t) => t.name)
    expect(tables).toEqual([
      'checkpoints',
      'datasets',
      'experiments',
      'metrics',
      'models',
      'runs',
      'settings'
    ])
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    db.close()
  })

  it.each(Array.from({ length: schemaVersion }, (_, v) => v))(
    'bring a version-%i database to the same schema as a fresh one, keeping its data',
    (version) => {
      const fresh = openDatabase(tempPath())
      const upgraded = openDatabase(databaseAt(version))
      expect(upgraded.pragma('user_version', { simple: true })).toBe(schemaVersion)
      expect(schemaOf(upgraded)).toEqual(schemaOf(fresh))
      const theme = upgraded.prepare("SELECT value FROM settings WHERE key = 'theme'").get()
      expect(theme).toEqual(version >= 1 ? { value: '"dark"' } : undefined)
      expect(upgraded.pragma('foreign_key_check')).toEqual([])
      fresh.close()
      upgraded.close()
    }
  )
})

describe('migration 3 (runs.engine)', () => {
  it('keeps the runs an older Descent recorded, with no engine known', () => {
    const path = databaseAt(2)
    const old = new BetterSqlite3(path)
    old
      .prepare(
        `INSERT INTO runs (name, dataset, optimizer, spec, seed, status, created_at, train_seconds)
         VALUES ('old run', 'mnist', 'adam', '{"epochs":2}', 1, 'completed', 1, 12.5)`
      )
      .run()
    old.close()
    const db = openDatabase(path)
    expect(db.prepare('SELECT name, train_seconds, engine FROM runs').all()).toEqual([
      { name: 'old run', train_seconds: 12.5, engine: null }
    ])
    db.close()
  })
})

describe('the runs schema', () => {
  function withRun(): { db: Database; runId: number } {
    const db = openDatabase(tempPath())
    const experiment = db
      .prepare("INSERT INTO experiments (name, kind, created_at) VALUES ('e', 'comparison', 1)")
      .run().lastInsertRowid
    const runId = Number(
      db
        .prepare(
          `INSERT INTO runs (experiment_id, name, dataset, optimizer, spec, seed, status, created_at)
           VALUES (?, 'r', 'xor', 'sgd', '{}', 1, 'running', 1)`
        )
        .run(experiment).lastInsertRowid
    )
    return { db, runId }
  }

  const checkpoint = (db: Database, runId: number, kind: string) =>
    db
      .prepare(
        `INSERT INTO checkpoints (run_id, kind, epoch, step, weights, optimizer_state, rng_state,
           history, train_seconds, created_at) VALUES (?, ?, 1, 10, x'00', x'00', '{}', '{}', 1, 1)`
      )
      .run(runId, kind)

  it('refuses unknown statuses and checkpoint kinds, and a metric logged twice at one step', () => {
    const { db, runId } = withRun()
    expect(() => db.prepare("UPDATE runs SET status = 'exploded' WHERE id = ?").run(runId)).toThrow(
      /CHECK/
    )
    for (const kind of ['latest', 'best', 'final']) checkpoint(db, runId, kind)
    expect(() => checkpoint(db, runId, 'other')).toThrow(/CHECK/)
    expect(() => checkpoint(db, runId, 'latest')).toThrow(/UNIQUE/)
    const metric = db.prepare(
      "INSERT INTO metrics (run_id, key, step, epoch, value, wall_time) VALUES (?, 'loss', 5, 0, 1, 1)"
    )
    metric.run(runId)
    expect(() => metric.run(runId)).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() => metric.run(runId + 100)).toThrow(/FOREIGN KEY/)
    db.close()
  })

  it('deletes a run with its metrics and checkpoints, and unlinks models saved from it', () => {
    const { db, runId } = withRun()
    checkpoint(db, runId, 'latest')
    db.prepare(
      "INSERT INTO metrics (run_id, key, step, epoch, value, wall_time) VALUES (?, 'loss', 1, 0, 1, 1)"
    ).run(runId)
    db.prepare(
      "INSERT INTO models (name, dataset, spec, weights, source_run_id, created_at) VALUES ('m', 'xor', '{}', x'00', ?, 1)"
    ).run(runId)
    db.prepare('DELETE FROM runs WHERE id = ?').run(runId)
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    expect([count('metrics'), count('checkpoints'), count('models')]).toEqual([0, 0, 1])
    expect(db.prepare('SELECT source_run_id FROM models').get()).toEqual({ source_run_id: null })
    db.close()
  })

  it('deletes an experiment with its runs', () => {
    const { db, runId } = withRun()
    db.prepare('DELETE FROM experiments').run()
    expect(db.prepare('SELECT id FROM runs WHERE id = ?').get(runId)).toBeUndefined()
    db.close()
  })
})
