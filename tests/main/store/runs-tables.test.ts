import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunSpec } from '../../../src/contract'
import { Rng } from '../../../src/engine/random'
import {
  deleteCheckpoint,
  loadCheckpoint,
  saveCheckpoint,
  type Checkpoint
} from '../../../src/main/store/checkpoints-table'
import { openDatabase } from '../../../src/main/store/database'
import { deleteMetricsAfter, metricWriter, readSeries } from '../../../src/main/store/metrics-table'
import {
  findRun,
  findRunSpec,
  heldRuns,
  insertRun,
  listRuns,
  markInterrupted,
  updateRun
} from '../../../src/main/store/runs-table'

let dir: string
let db: Database
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'descent-tables-'))
  db = openDatabase(join(dir, 'descent.db'))
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function spec(dataset: string, optimizer: string, seed = 1): RunSpec {
  return {
    data: { dataset },
    layers: [{ kind: 'dense', units: 2, activation: 'softmax' }],
    loss: 'categorical_crossentropy',
    metrics: ['accuracy'],
    optimizer: { name: optimizer, config: { learning_rate: 0.1 } },
    epochs: 4,
    batchSize: 8,
    seed
  }
}

function addRun(
  dataset: string,
  optimizer: string,
  name = `${dataset} ${optimizer}`,
  now = 1000
): number {
  return insertRun(db, { spec: spec(dataset, optimizer), name, ownerPid: 77, now })
}

describe('runs table', () => {
  it('inserts a queued run and reads it back with its spec', () => {
    const id = addRun('spiral', 'adam')
    expect(findRun(db, id)).toMatchObject({
      id,
      name: 'spiral adam',
      dataset: 'spiral',
      optimizer: 'adam',
      seed: 1,
      status: 'queued',
      epochs: 4,
      epochsDone: 0,
      ownerPid: 77,
      heartbeatAt: 1000,
      createdAt: 1000,
      finalMetrics: null,
      stopRequested: false
    })
    expect(findRunSpec(db, id)).toEqual(spec('spiral', 'adam'))
    expect(findRun(db, id + 1)).toBeUndefined()
  })

  it('lists newest first, filtered by status, data set, optimizer, experiment and text', () => {
    const experiment = Number(
      db.prepare("INSERT INTO experiments (name, kind, created_at) VALUES ('e', 'sweep', 1)").run()
        .lastInsertRowid
    )
    const a = addRun('spiral', 'adam', 'spiral adam', 1000)
    const b = addRun('mnist', 'sgd', '100%_done', 2000)
    const c = insertRun(db, {
      spec: spec('mnist', 'adam'),
      name: 'x',
      experimentId: experiment,
      ownerPid: 1,
      now: 3000
    })
    updateRun(db, a, { status: 'completed' })
    const ids = (filter: Partial<Parameters<typeof listRuns>[1]>) =>
      listRuns(db, { limit: 100, offset: 0, ...filter }).map((r) => r.id)
    expect(ids({})).toEqual([c, b, a])
    expect(ids({ status: ['completed'] })).toEqual([a])
    expect(ids({ status: ['queued', 'completed'] })).toEqual([c, b, a])
    expect(ids({ dataset: 'mnist' })).toEqual([c, b])
    expect(ids({ optimizer: 'adam' })).toEqual([c, a])
    expect(ids({ experimentId: experiment })).toEqual([c])
    expect(ids({ search: 'spir' })).toEqual([a])
    // LIKE's wildcards in the text are matched literally.
    expect(ids({ search: '%_' })).toEqual([b])
    expect(ids({ search: '_' })).toEqual([b])
    expect(ids({ limit: 1, offset: 1 })).toEqual([b])
  })

  it('updates only while the status is one of those given', () => {
    const id = addRun('xor', 'sgd')
    expect(updateRun(db, id, { status: 'running', startedAt: 5 }, ['queued'])).toBe(true)
    expect(updateRun(db, id, { status: 'running' }, ['queued'])).toBe(false)
    updateRun(db, id, {
      finalMetrics: { epoch: 1, logs: { loss: 0.5 } },
      testMetrics: { loss: 0.25 },
      stopRequested: true
    })
    expect(findRun(db, id)).toMatchObject({
      status: 'running',
      startedAt: 5,
      finalMetrics: { epoch: 1, logs: { loss: 0.5 } },
      testMetrics: { loss: 0.25 },
      stopRequested: true
    })
  })

  it('marks a held run interrupted only if nobody took it over since it was read', () => {
    const id = addRun('xor', 'sgd')
    const [seen] = heldRuns(db)
    expect(seen).toEqual({ id, ownerPid: 77, heartbeatAt: 1000 })
    updateRun(db, id, { heartbeatAt: 2000 })
    expect(markInterrupted(db, seen)).toBe(false)
    expect(markInterrupted(db, heldRuns(db)[0])).toBe(true)
    expect(findRun(db, id)).toMatchObject({ status: 'interrupted', ownerPid: null })
    expect(heldRuns(db)).toEqual([])
  })
})

describe('metrics table', () => {
  it('reads series by granularity, key and step, NaN as null', () => {
    const id = addRun('xor', 'sgd')
    const write = metricWriter(db, id)
    db.transaction(() =>
      write([
        { key: 'batch_loss', step: 1, epoch: 0, value: 0.9, wallTime: 10 },
        { key: 'batch_loss', step: 2, epoch: 0, value: NaN, wallTime: 11 },
        { key: 'batch_loss', step: 3, epoch: 1, value: 0.7, wallTime: 12 },
        { key: 'batch_accuracy', step: 1, epoch: 0, value: 0.5, wallTime: 10 },
        { key: 'loss', step: 2, epoch: 0, value: 0.8, wallTime: 11 },
        { key: 'val_loss', step: 2, epoch: 0, value: 0.85, wallTime: 11 }
      ])
    )()
    const keys = (series: { key: string }[]) => series.map((s) => s.key)
    expect(keys(readSeries(db, id, { granularity: 'epoch' }))).toEqual(['loss', 'val_loss'])
    expect(keys(readSeries(db, id, { granularity: 'step' }))).toEqual([
      'batch_accuracy',
      'batch_loss'
    ])
    expect(readSeries(db, id, { granularity: 'step', keys: ['loss'] })).toEqual([
      {
        key: 'batch_loss',
        steps: [1, 2, 3],
        epochs: [0, 0, 1],
        values: [0.9, null, 0.7],
        wallTimes: [10, 11, 12]
      }
    ])
    expect(
      readSeries(db, id, { granularity: 'step', keys: ['batch_loss'], afterStep: 2 })[0].steps
    ).toEqual([3])
    deleteMetricsAfter(db, id, 1)
    expect(readSeries(db, id, { granularity: 'step', keys: ['loss'] })[0].steps).toEqual([1])
    expect(readSeries(db, id, { granularity: 'epoch' })).toEqual([])
  })
})

describe('checkpoints table', () => {
  function checkpoint(seed: number): Checkpoint {
    const rng = new Rng(seed)
    rng.normal()
    const weights = [
      Float32Array.from({ length: 7 }, () => rng.normal()),
      new Float32Array([-0, 1e-45, 3.4028234e38, -Infinity, Infinity])
    ]
    return {
      epoch: 2,
      step: 40,
      weights,
      optimizerState: {
        iterations: 40,
        learningRate: null,
        slots: {
          momentum: weights.map((w) => w.map((v) => v / 3)),
          velocity: [new Float32Array([2])]
        }
      },
      rng: rng.getState(),
      history: { epoch: [0, 1], history: { loss: [0.5, 0.25], val_loss: [0.6, 1 / 3] } },
      trainSeconds: 1.25
    }
  }

  it('keeps weights, optimizer state, Rng state and history bit for bit', () => {
    const id = addRun('xor', 'sgd')
    const saved = checkpoint(3)
    saveCheckpoint(db, id, 'latest', saved, 99)
    const loaded = loadCheckpoint(db, id, 'latest')!
    expect(loaded).toEqual(saved)
    const bits = (arrays: Float32Array[]) =>
      arrays.map((a) => [...new Uint32Array(a.buffer.slice(0))])
    expect(bits(loaded.weights)).toEqual(bits(saved.weights))
    expect(Object.is(loaded.weights[1][0], -0)).toBe(true)
    // The restored Rng continues the same stream.
    const original = new Rng(0)
    original.setState(saved.rng)
    const restored = new Rng(0)
    restored.setState(loaded.rng)
    expect([restored.next(), restored.normal()]).toEqual([original.next(), original.normal()])
  })

  it('replaces a kind in place and deletes one', () => {
    const id = addRun('xor', 'sgd')
    saveCheckpoint(db, id, 'latest', checkpoint(1), 5)
    saveCheckpoint(db, id, 'best', { ...checkpoint(2), epoch: 1, step: 20 }, 6)
    saveCheckpoint(db, id, 'latest', { ...checkpoint(3), epoch: 3, step: 60 }, 7)
    expect(loadCheckpoint(db, id, 'best')).toMatchObject({ epoch: 1, step: 20 })
    expect(loadCheckpoint(db, id, 'latest')).toMatchObject({ epoch: 3, step: 60 })
    const rows = db.prepare('SELECT kind, created_at AS at FROM checkpoints ORDER BY kind').all()
    expect(rows).toEqual([
      { kind: 'best', at: 6 },
      { kind: 'latest', at: 7 }
    ])
    expect(loadCheckpoint(db, id, 'latest')!.weights).toEqual(checkpoint(3).weights)
    deleteCheckpoint(db, id, 'best')
    expect(loadCheckpoint(db, id, 'best')).toBeUndefined()
    expect(loadCheckpoint(db, id, 'final')).toBeUndefined()
  })
})
