import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunEpochEvent, RunProgressEvent, RunRecord, RunStatus } from '../../../src/contract'
import { loadCheckpoint } from '../../../src/main/store/checkpoints-table'
import { encodeFloat32List } from '../../../src/main/store/codec'
import { readSeries } from '../../../src/main/store/metrics-table'
import { findRun } from '../../../src/main/store/runs-table'
import { bitsOf, mnistSpec, nextEvent, runnerContext, type RunnerContext } from './runner-context'

// 10800 training samples (12000 less the validation tenth) in batches of 11: 982 steps an epoch,
// the last one of 9 samples. Epochs long enough that a stop or pause sent on epoch 2's first
// batch lands inside epoch 2 even on a loaded machine.
const spec = mnistSpec({ batchSize: 11, data: { dataset: 'mnist', limit: 12000 } })
const trainSamples = 10800
const stepsPerEpoch = Math.ceil(trainSamples / 11)

let env: RunnerContext
beforeAll(() => {
  env = runnerContext()
})
afterAll(async () => {
  await env.cleanup()
})

function record(id: number): RunRecord {
  return findRun(env.ctx.db, id)!
}

function weightsOf(id: number): string {
  return bitsOf(loadCheckpoint(env.ctx.db, id, 'final')!.weights)
}

function batchRows(id: number): number {
  return readSeries(env.ctx.db, id, { granularity: 'step', keys: ['loss'] })[0]?.steps.length ?? 0
}

/** Collects run events of one run until it is settled. */
async function trainToEnd(
  id: number
): Promise<{ statuses: RunStatus[]; epochs: RunEpochEvent[]; progress: RunProgressEvent[] }> {
  const statuses: RunStatus[] = []
  const epochs: RunEpochEvent[] = []
  const progress: RunProgressEvent[] = []
  const stop = env.ctx.events.subscribe((event, payload) => {
    const p = payload as { id: number }
    if (p.id !== id) return
    if (event === 'run.status') statuses.push((payload as { status: RunStatus }).status)
    if (event === 'run.epoch') epochs.push(payload as RunEpochEvent)
    if (event === 'run.progress') progress.push(payload as RunProgressEvent)
  })
  await env.runner.settled(id)
  stop()
  return { statuses, epochs, progress }
}

describe('Runner', () => {
  let reference: RunRecord

  it('trains a run in a worker and records every batch, every epoch and its checkpoints', async () => {
    const created = await env.create(spec)
    expect(created.status).toBe('queued')
    const started = performance.now()
    const { statuses, epochs, progress } = await trainToEnd(created.id)
    const seconds = (performance.now() - started) / 1000
    reference = record(created.id)

    expect(statuses).toEqual(['running', 'completed'])
    expect(reference).toMatchObject({
      status: 'completed',
      epochsDone: 3,
      stepsDone: 3 * stepsPerEpoch
    })
    expect(reference.testMetrics!.accuracy).toBeGreaterThan(0.7)
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2])
    // Throttled to ~10 a second, plus each epoch's first batch.
    expect(progress.length).toBeLessThanOrEqual(seconds * 10 + 3 + 2)
    expect(progress.length).toBeGreaterThanOrEqual(3)

    const batchLoss = readSeries(env.ctx.db, created.id, { granularity: 'step', keys: ['loss'] })[0]
    expect(batchLoss.steps).toEqual(Array.from({ length: 3 * stepsPerEpoch }, (_, i) => i + 1))
    // Keras's epoch loss is the sample-weighted mean of the epoch's batch losses.
    const epochLoss = readSeries(env.ctx.db, created.id, {
      granularity: 'epoch',
      keys: ['loss']
    })[0]
    for (let epoch = 0; epoch < 3; epoch++) {
      let sum = 0
      for (let step = 0; step < stepsPerEpoch; step++) {
        const size = step === stepsPerEpoch - 1 ? trainSamples - 11 * (stepsPerEpoch - 1) : 11
        sum += batchLoss.values[epoch * stepsPerEpoch + step]! * size
      }
      expect(epochLoss.values[epoch]).toBeCloseTo(sum / trainSamples, 10)
      expect(epochLoss.steps[epoch]).toBe((epoch + 1) * stepsPerEpoch)
    }
    const epochKeys = readSeries(env.ctx.db, created.id, { granularity: 'epoch' }).map((s) => s.key)
    expect(epochKeys.sort()).toEqual(
      [
        'accuracy',
        'epoch_seconds',
        'learning_rate',
        'loss',
        'samples_per_second',
        'val_accuracy',
        'val_loss'
      ].sort()
    )

    const latest = loadCheckpoint(env.ctx.db, created.id, 'latest')!
    expect(latest).toMatchObject({ epoch: 3, step: 3 * stepsPerEpoch })
    expect(latest.history.epoch).toEqual([0, 1, 2])
    expect(latest.history.history.loss).toEqual(epochLoss.values)
    expect(latest.optimizerState.iterations).toBe(3 * stepsPerEpoch)
    expect(weightsOf(created.id)).toBe(bitsOf(latest.weights))
    const best = loadCheckpoint(env.ctx.db, created.id, 'best')!
    const valLoss = latest.history.history.val_loss
    expect(best.epoch).toBe(valLoss.indexOf(Math.min(...valLoss)) + 1)
    expect(reference.bestMetrics!.epoch).toBe(best.epoch - 1)
  })

  it('resumes a run stopped mid-epoch to exactly the weights of an uninterrupted run', async () => {
    const run = await env.create(spec)
    // The first batch of the second epoch is always reported; stop right then.
    await nextEvent(env.ctx, 'run.progress', run.id, (p) => p.epoch === 1)
    await env.call('runs.stop', { id: run.id })
    await env.runner.settled(run.id)
    const stopped = record(run.id)
    expect(stopped).toMatchObject({
      status: 'stopped',
      epochsDone: 1,
      stopReason: 'stopped on request'
    })
    expect(stopped.stepsDone).toBeGreaterThan(stepsPerEpoch)
    expect(batchRows(run.id)).toBe(stopped.stepsDone)
    expect(loadCheckpoint(env.ctx.db, run.id, 'final')!.step).toBe(stopped.stepsDone)

    const resumed = (await env.call('runs.resume', { id: run.id })) as RunRecord
    expect(resumed.status).toBe('queued')
    const { statuses } = await trainToEnd(run.id)
    expect(statuses).toEqual(['running', 'completed'])
    const done = record(run.id)
    expect(done).toMatchObject({ status: 'completed', epochsDone: 3, stepsDone: 3 * stepsPerEpoch })
    // The partial epoch's rows were dropped and trained again: one row per step.
    expect(batchRows(run.id)).toBe(3 * stepsPerEpoch)
    expect(weightsOf(run.id)).toBe(weightsOf(reference.id))
    expect(done.finalMetrics).toEqual({
      epoch: 2,
      logs: {
        ...reference.finalMetrics!.logs,
        samples_per_second: done.finalMetrics!.logs.samples_per_second
      }
    })
    expect(done.testMetrics).toEqual(reference.testMetrics)
    const losses = (id: number) =>
      readSeries(env.ctx.db, id, { granularity: 'step', keys: ['loss'] })[0].values
    expect(losses(run.id)).toEqual(losses(reference.id))
  })

  it('pauses between batches, keeps its heartbeat, and resumes unchanged', async () => {
    const run = await env.create(spec)
    await nextEvent(env.ctx, 'run.progress', run.id, (p) => p.epoch === 1)
    const paused = nextEvent(env.ctx, 'run.status', run.id, (p) => p.status === 'paused')
    await env.call('runs.pause', { id: run.id })
    await paused
    const rows = batchRows(run.id)
    const beat = record(run.id).heartbeatAt!
    await new Promise((resolve) => setTimeout(resolve, 1300))
    expect(record(run.id).status).toBe('paused')
    expect(batchRows(run.id)).toBe(rows)
    expect(record(run.id).heartbeatAt!).toBeGreaterThan(beat)
    await expect(env.call('runs.pause', { id: run.id })).rejects.toMatchObject({ code: 'CONFLICT' })

    await env.call('runs.resume', { id: run.id })
    const { statuses } = await trainToEnd(run.id)
    expect(statuses).toEqual(['running', 'completed'])
    expect(weightsOf(run.id)).toBe(weightsOf(reference.id))
    // Paused time is not training time.
    const done = record(run.id)
    expect((done.finishedAt! - done.startedAt!) / 1000 - done.trainSeconds).toBeGreaterThan(1.3)
  })

  it('lets a second connection read metrics while a run writes them (WAL)', async () => {
    const run = await env.create(spec)
    const reader = new BetterSqlite3(env.ctx.databasePath, { readonly: true })
    const counts: number[] = []
    const poll = setInterval(() => {
      counts.push(
        readSeries(reader, run.id, { granularity: 'step', keys: ['loss'] })[0]?.steps.length ?? 0
      )
    }, 30)
    await env.runner.settled(run.id)
    clearInterval(poll)
    reader.close()
    expect(record(run.id).status).toBe('completed')
    const seen = counts.filter((n) => n > 0 && n < 3 * stepsPerEpoch)
    expect(seen.length).toBeGreaterThan(2)
    expect(counts).toEqual([...counts].sort((a, b) => a - b))
  })

  it('runs one job at a time by default; a waiting run can be stopped before it starts', async () => {
    const first = await env.create(mnistSpec({ epochs: 1 }))
    const second = await env.create(mnistSpec({ epochs: 1 }))
    const third = await env.create(mnistSpec({ epochs: 1, seed: 8 }))
    await nextEvent(env.ctx, 'run.progress', first.id)
    expect(record(second.id).status).toBe('queued')
    expect(record(third.id).status).toBe('queued')
    // Runs this process holds are never taken for orphans, however stale their row looks.
    env.ctx.db
      .prepare('UPDATE runs SET heartbeat_at = 0 WHERE id IN (?, ?, ?)')
      .run(first.id, second.id, third.id)
    expect(env.runner.recover()).toEqual([])
    const stopped = (await env.call('runs.stop', { id: second.id })) as RunRecord
    expect(stopped).toMatchObject({ status: 'stopped', stopReason: 'stopped before it started' })
    await env.runner.settled(third.id)
    expect([first, second, third].map((r) => record(r.id).status)).toEqual([
      'completed',
      'stopped',
      'completed'
    ])
    expect(record(third.id).startedAt!).toBeGreaterThanOrEqual(record(first.id).finishedAt!)
  })

  it("starts from a saved model's weights when the run names one", async () => {
    const weights = loadCheckpoint(env.ctx.db, reference.id, 'final')!.weights
    const modelId = Number(
      env.ctx.db
        .prepare(
          `INSERT INTO models (name, dataset, spec, weights, created_at)
           VALUES ('saved', 'mnist', '{}', ?, 1)`
        )
        .run(encodeFloat32List(weights)).lastInsertRowid
    )
    // A zero learning rate leaves the weights where they start.
    const still = mnistSpec({ epochs: 1, optimizer: { name: 'sgd', config: { learning_rate: 0 } } })
    const run = await env.create(still, { initialModelId: modelId })
    await env.runner.settled(run.id)
    expect(record(run.id)).toMatchObject({ status: 'completed', initialModelId: modelId })
    expect(weightsOf(run.id)).toBe(bitsOf(weights))
  })

  it('marks a run failed with the reason when training cannot proceed', async () => {
    // Bypass the service's checks: a data file that vanished after the run was queued.
    const run = await env.create(spec)
    await env.runner.settled(run.id)
    env.ctx.db
      .prepare('UPDATE runs SET status = ?, spec = ? WHERE id = ?')
      .run(
        'interrupted',
        JSON.stringify({ ...spec, data: { dataset: '/nonexistent/train.csv' } }),
        run.id
      )
    env.ctx.db.prepare('DELETE FROM checkpoints WHERE run_id = ?').run(run.id)
    const failed = nextEvent(env.ctx, 'run.status', run.id, (p) => p.status === 'failed')
    await env.call('runs.resume', { id: run.id })
    expect((await failed).error).toMatch(/cannot read \/nonexistent\/train\.csv: no such file/)
    await env.runner.settled(run.id)
    expect(record(run.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/no such file/)
    })
    await expect(env.call('runs.resume', { id: run.id })).rejects.toMatchObject({
      code: 'CONFLICT'
    })
  })
})
