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
  },
  // 2: experiments, runs, their metrics and checkpoints, the model library, imported data sets.
  // Weight and optimizer-state BLOBs (checkpoints, models) use the encodings of ./codec.ts.
  (db) => {
    db.exec(`
      CREATE TABLE experiments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('single', 'comparison', 'seed-group', 'sweep')),
        config TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE datasets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        format TEXT NOT NULL CHECK (format IN ('idx', 'csv')),
        files TEXT NOT NULL,
        task TEXT NOT NULL,
        count INTEGER NOT NULL,
        feature_shape TEXT NOT NULL,
        image_shape TEXT,
        num_classes INTEGER NOT NULL,
        class_names TEXT,
        class_counts TEXT,
        test_count INTEGER,
        label_column TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        experiment_id INTEGER REFERENCES experiments(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        dataset TEXT NOT NULL,
        optimizer TEXT NOT NULL,
        spec TEXT NOT NULL,
        seed INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'paused', 'completed', 'stopped', 'failed', 'interrupted')),
        role TEXT,
        initial_model_id INTEGER REFERENCES models(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        train_seconds REAL NOT NULL DEFAULT 0,
        epochs_done INTEGER NOT NULL DEFAULT 0,
        steps_done INTEGER NOT NULL DEFAULT 0,
        final_metrics TEXT,
        best_metrics TEXT,
        test_metrics TEXT,
        stop_reason TEXT,
        error TEXT,
        -- The process whose runner holds the run, and when its worker last wrote: crash recovery.
        owner_pid INTEGER,
        heartbeat_at INTEGER,
        -- Requests any process may write; the owning worker polls them (stop/pause across processes).
        stop_requested INTEGER NOT NULL DEFAULT 0,
        pause_requested INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX runs_experiment ON runs(experiment_id);
      CREATE INDEX runs_status ON runs(status);

      CREATE TABLE metrics (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        step INTEGER NOT NULL,
        epoch INTEGER NOT NULL,
        value REAL,
        wall_time REAL NOT NULL,
        PRIMARY KEY (run_id, key, step)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE checkpoints (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('latest', 'best', 'final')),
        epoch INTEGER NOT NULL,
        step INTEGER NOT NULL,
        weights BLOB NOT NULL,
        optimizer_state BLOB NOT NULL,
        rng_state TEXT NOT NULL,
        history TEXT NOT NULL,
        train_seconds REAL NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (run_id, kind)
      ) STRICT;

      CREATE TABLE models (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        dataset TEXT NOT NULL,
        spec TEXT NOT NULL,
        weights BLOB NOT NULL,
        optimizer_state BLOB,
        history TEXT NOT NULL DEFAULT '{"epoch":[],"history":{}}',
        metrics TEXT,
        source_run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
        source_epoch INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;
    `)
  },
  // 3: which kernels each run trained with (e.g. "wasm-relaxed-simd ×2 threads"), so its time
  // can be read beside others'. NULL for runs recorded before, and runs not started yet.
  (db) => {
    db.exec('ALTER TABLE runs ADD COLUMN engine TEXT')
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
