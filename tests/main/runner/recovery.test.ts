import { spawnSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunSpec, RunStatus } from '../../../src/contract'
import { isOrphaned, isProcessAlive, STALE_HEARTBEAT_MS } from '../../../src/main/runner/recovery'
import { Runner } from '../../../src/main/runner/runner'
import { findRun, insertRun, updateRun } from '../../../src/main/store/runs-table'
import { tempContext } from '../test-context'

const spec: RunSpec = {
  data: { dataset: 'xor' },
  layers: [{ kind: 'dense', units: 1, activation: 'sigmoid' }],
  loss: 'binary_crossentropy',
  metrics: [],
  optimizer: { name: 'sgd', config: {} },
  epochs: 1,
  batchSize: 4,
  seed: 0
}

const NOW = 1_700_000_000_000
const LIVE_PID = 4242
const DEAD_PID = 4343

describe('isOrphaned', () => {
  const alive = (pid: number): boolean => pid === LIVE_PID
  it.each([
    ['a live owner beating', { ownerPid: LIVE_PID, heartbeatAt: NOW - 1000 }, false],
    [
      'a live owner just under the limit',
      { ownerPid: LIVE_PID, heartbeatAt: NOW - STALE_HEARTBEAT_MS },
      false
    ],
    [
      'a live owner gone silent',
      { ownerPid: LIVE_PID, heartbeatAt: NOW - STALE_HEARTBEAT_MS - 1 },
      true
    ],
    ['a dead owner', { ownerPid: DEAD_PID, heartbeatAt: NOW }, true],
    ['no owner', { ownerPid: null, heartbeatAt: NOW }, true],
    ['no heartbeat', { ownerPid: LIVE_PID, heartbeatAt: null }, true]
  ])('%s', (_name, run, orphaned) => {
    expect(isOrphaned(run, NOW, alive)).toBe(orphaned)
  })
})

describe('isProcessAlive', () => {
  it('knows this process is alive and an exited child is not', () => {
    expect(isProcessAlive(process.pid)).toBe(true)
    const child = spawnSync(process.execPath, ['-e', '0'])
    expect(isProcessAlive(child.pid!)).toBe(false)
  })
})

describe('Runner.recover', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => cleanups.splice(0).forEach((c) => c()))

  function setup() {
    const { ctx, cleanup } = tempContext()
    cleanups.push(cleanup)
    const runner = new Runner({
      db: ctx.db,
      databasePath: ctx.databasePath,
      dataFolder: ctx.dataFolder,
      events: ctx.events,
      workerPath: '/nowhere/train-worker.js',
      wasmDir: '/nowhere',
      isAlive: (pid) => pid === LIVE_PID,
      now: () => NOW
    })
    const run = (
      status: RunStatus,
      ownerPid: number | null,
      heartbeatAt: number | null
    ): number => {
      const id = insertRun(ctx.db, { spec, name: 'r', ownerPid: 1, now: NOW })
      updateRun(ctx.db, id, { status, ownerPid, heartbeatAt })
      return id
    }
    return { ctx, runner, run }
  }

  it('marks orphaned queued, running and paused runs interrupted and leaves the rest alone', () => {
    const { ctx, runner, run } = setup()
    const crashed = run('running', DEAD_PID, NOW - 1000)
    const hung = run('paused', LIVE_PID, NOW - STALE_HEARTBEAT_MS - 5000)
    const waiting = run('queued', DEAD_PID, NOW)
    const elsewhere = run('running', LIVE_PID, NOW - 2000)
    const done = run('completed', DEAD_PID, NOW - 1000)
    const events: unknown[] = []
    ctx.events.subscribe((event, payload) => events.push({ event, payload }))

    expect(runner.recover().sort()).toEqual([crashed, hung, waiting].sort())
    const status = (id: number) => findRun(ctx.db, id)!.status
    expect([crashed, hung, waiting, elsewhere, done].map(status)).toEqual([
      'interrupted',
      'interrupted',
      'interrupted',
      'running',
      'completed'
    ])
    expect(findRun(ctx.db, crashed)!.ownerPid).toBeNull()
    expect(events).toContainEqual({
      event: 'run.status',
      payload: { id: crashed, status: 'interrupted' }
    })
    expect(runner.recover()).toEqual([])
  })

  it('fails a run at once, saying why, when the worker is not built', () => {
    const { ctx, runner, run } = setup()
    const id = run('queued', process.pid, NOW)
    const events: unknown[] = []
    ctx.events.subscribe((event, payload) => events.push({ event, payload }))
    runner.enqueue(id)
    expect(findRun(ctx.db, id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/not built/)
    })
    expect(events).toEqual([
      {
        event: 'run.status',
        payload: { id, status: 'failed', error: expect.stringMatching(/npm run build/) }
      }
    ])
    expect(runner.holds(id)).toBe(false)
  })
})
