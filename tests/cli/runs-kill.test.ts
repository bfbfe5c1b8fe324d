import { existsSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadCheckpoint } from '../../src/main/store/checkpoints-table'
import { readSeries } from '../../src/main/store/metrics-table'
import { findRun } from '../../src/main/store/runs-table'
import { descent, ensureBuilt, startDescent, until } from '../main/runner/built-app'
import { bitsOf } from '../main/runner/runner-context'
import { tempFolders } from './temp-folders'

const home = tempFolders('descent-kill-')

// 8000 samples in batches of 2: 4000 steps an epoch, long enough to be caught in the middle:
// the watcher sees epoch 2's first rows well before it ends, even with the fast kernels.
const train = [
  'train',
  '--dataset',
  'mnist',
  '--limit',
  '8000',
  '--layers',
  '128:relu,dropout:0.2,10:softmax',
  '--optimizer',
  'adam:lr=0.002',
  '--epochs',
  '3',
  '--batch-size',
  '2',
  '--seed',
  '5'
]
const stepsPerEpoch = 4000

function open(folder: string): Database {
  return new BetterSqlite3(join(folder, 'descent.db'))
}

describe('descent train killed with SIGKILL', () => {
  it('leaves a consistent database; the run is interrupted at the next start and resumes to the same weights', async () => {
    ensureBuilt()
    const killed = home()
    const uninterrupted = home()
    const reference = startDescent([...train, '--json'], uninterrupted)
    const victim = startDescent(train, killed)

    // Watch the victim's database until epoch 1 is checkpointed and epoch 2 has begun writing.
    const dbPath = join(killed, 'descent.db')
    await until(() => existsSync(dbPath), 'the database file')
    const watcher = new BetterSqlite3(dbPath, { readonly: true, timeout: 5000 })
    const epochTwoRows = (): number =>
      (
        watcher
          .prepare("SELECT count(*) AS n FROM metrics WHERE key = 'batch_loss' AND epoch = 1")
          .get() as { n: number }
      ).n
    await until(() => {
      try {
        return epochTwoRows() > 0
      } catch {
        return false // the schema is not there yet
      }
    }, 'epoch 2 to start')
    victim.child.kill('SIGKILL')
    const { code } = await victim.done
    watcher.close()
    expect(code).toBeNull()

    const db = open(killed)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    const run = findRun(db, 1)!
    // Caught mid-epoch 2: epoch 1's checkpoint and progress landed together, epoch 2's did not.
    expect(run).toMatchObject({ status: 'running', epochsDone: 1 })
    expect(loadCheckpoint(db, 1, 'latest')).toMatchObject({ epoch: 1, step: stepsPerEpoch })
    expect(loadCheckpoint(db, 1, 'final')).toBeUndefined()
    const partial = readSeries(db, 1, { granularity: 'step', keys: ['loss'] })[0].steps
    expect(partial.length).toBeGreaterThan(stepsPerEpoch)
    expect(partial.length).toBeLessThan(2 * stepsPerEpoch)
    expect(readSeries(db, 1, { granularity: 'epoch', keys: ['loss'] })[0].steps).toEqual([
      stepsPerEpoch
    ])
    db.close()

    // Any next start recovers it: the owner is dead.
    const listed = descent(['runs', 'ls', '--json'], killed)
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { id: 1, status: 'interrupted', epochsDone: 1 }
    ])

    const resumed = descent(['runs', 'resume', '1'], killed)
    expect(resumed.stderr).toBe('')
    expect(resumed.code).toBe(0)
    expect(resumed.stdout).toMatch(/Resuming run 1 .* at epoch 2\/3/)
    expect(resumed.stdout).toMatch(/Epoch 2\/3[\s\S]*Epoch 3\/3[\s\S]*Run 1 completed/)
    expect(resumed.stdout).not.toMatch(/Epoch 1\/3/)

    const finished = await reference.done
    expect(finished.code).toBe(0)
    expect(JSON.parse(finished.stdout)).toMatchObject({ runId: 1, status: 'completed' })

    const a = open(killed)
    const b = open(uninterrupted)
    expect(findRun(a, 1)).toMatchObject({
      status: 'completed',
      epochsDone: 3,
      stepsDone: 3 * stepsPerEpoch
    })
    expect(bitsOf(loadCheckpoint(a, 1, 'final')!.weights)).toBe(
      bitsOf(loadCheckpoint(b, 1, 'final')!.weights)
    )
    const losses = (db: Database) =>
      readSeries(db, 1, { granularity: 'step', keys: ['loss'] })[0].values
    expect(losses(a)).toEqual(losses(b))
    expect(findRun(a, 1)!.testMetrics).toEqual(findRun(b, 1)!.testMetrics)
    a.close()
    b.close()
  })
})
