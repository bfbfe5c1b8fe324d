import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  MetricSeries,
  RunDetail,
  RunMetrics,
  RunRecord,
  RunSpec,
  RunStatus
} from '../../../src/contract'
import { createDispatch, createHandlers } from '../../../src/main/api/handlers'
import { createContext } from '../../../src/main/context'
import { attachRunner } from '../../../src/main/services/runs/runner-registry'
import { decimate } from '../../../src/main/services/runs/decimate'
import { saveCheckpoint } from '../../../src/main/store/checkpoints-table'
import { metricWriter } from '../../../src/main/store/metrics-table'
import { findRun, insertRun, updateRun } from '../../../src/main/store/runs-table'
import { wasmDir, workerPath } from '../runner/built-app'
import { mnistSpec, nextEvent, runnerContext, type RunnerContext } from '../runner/runner-context'

const xor: RunSpec = {
  data: { dataset: 'xor', samples: 200 },
  layers: [
    { kind: 'dense', units: 8, activation: 'tanh' },
    { kind: 'dense', units: 1, activation: 'sigmoid' }
  ],
  loss: 'binary_crossentropy',
  metrics: ['accuracy'],
  optimizer: { name: 'sgd', config: { learning_rate: 0.1, momentum: 0.9 } },
  epochs: 2,
  batchSize: 16,
  seed: 3
}

let env: RunnerContext
beforeAll(() => {
  env = runnerContext()
})
afterAll(async () => {
  await env.cleanup()
})

const runCount = (): number =>
  (env.ctx.db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n

/** A run row in any state, without training it. */
function storedRun(status: RunStatus): number {
  const id = insertRun(env.ctx.db, {
    spec: xor,
    name: `stored ${status}`,
    ownerPid: process.pid,
    now: Date.now()
  })
  updateRun(env.ctx.db, id, { status })
  return id
}

describe('runs.create', () => {
  it('stores a queued run, names it, and trains it to the end', async () => {
    const run = (await env.call('runs.create', { spec: xor })) as RunRecord
    expect(run).toMatchObject({
      status: 'queued',
      name: 'xor · sgd(lr=0.1, momentum=0.9)',
      dataset: 'xor',
      optimizer: 'sgd',
      seed: 3,
      epochs: 2,
      ownerPid: process.pid,
      experimentId: null
    })
    const detail = (await env.call('runs.get', { id: run.id })) as RunDetail
    expect(detail.spec).toEqual(xor)
    await env.runner.settled(run.id)
    expect(findRun(env.ctx.db, run.id)).toMatchObject({ status: 'completed', epochsDone: 2 })
  })

  it('files a run under its experiment with its role', async () => {
    const experimentId = Number(
      env.ctx.db
        .prepare("INSERT INTO experiments (name, kind, created_at) VALUES ('cmp', 'comparison', 1)")
        .run().lastInsertRowid
    )
    const run = (await env.call('runs.create', {
      spec: xor,
      experimentId,
      role: 'sgd',
      name: 'mine'
    })) as RunRecord
    expect(run).toMatchObject({ experimentId, role: 'sgd', name: 'mine' })
    await env.runner.settled(run.id)
  })

  it.each([
    ['no spec', {}, /spec/],
    ['an unknown field', { spec: xor, color: 'red' }, /color/],
    ['zero epochs', { spec: { ...xor, epochs: 0 } }, /spec\.epochs/],
    [
      'an unknown activation',
      { spec: { ...xor, layers: [{ kind: 'dense', units: 1, activation: 'swish' }] } },
      /activation/
    ],
    [
      'a layer kind the builder lacks',
      { spec: { ...xor, layers: [{ kind: 'conv', units: 1 }] } },
      /layers/
    ],
    ['a fractional batch size', { spec: { ...xor, batchSize: 1.5 } }, /batchSize/],
    ['a validation split of 1', { spec: { ...xor, validationSplit: 1 } }, /validationSplit/]
  ])('refuses %s with BAD_INPUT and the issue list', async (_name, input, where) => {
    const error = await env.call('runs.create', input).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'BAD_INPUT', details: { issues: expect.any(Array) } })
    expect((error as Error).message).toMatch(where)
  })

  it.each([
    [
      'an output layer that does not fit the data',
      {
        layers: [{ kind: 'dense', units: 3, activation: 'softmax' }],
        loss: 'categorical_crossentropy'
      },
      /output layer has 3 units but xor needs 1 unit/
    ],
    [
      'an unknown data set',
      { data: { dataset: 'cifar' } },
      /cannot load the data: unknown data set "cifar"/
    ],
    [
      'a data file that is not there',
      { data: { dataset: '/nonexistent/data.csv' } },
      /cannot read \/nonexistent\/data\.csv: no such file/
    ],
    [
      'an unknown optimizer',
      { optimizer: { name: 'lion', config: {} } },
      /Unknown optimizer "lion"/
    ],
    [
      'a negative learning rate',
      { optimizer: { name: 'sgd', config: { learning_rate: -1 } } },
      /learning_rate/
    ],
    ['an unknown loss', { loss: 'hinge_crossentropy' }, /hinge_crossentropy/],
    [
      'a split that leaves no training data',
      { data: { dataset: 'xor', samples: 40 }, validationSplit: 0.99 },
      /cannot be split/
    ]
  ])('refuses %s with BAD_INPUT before storing anything', async (_name, change, message) => {
    const before = runCount()
    const error = await env
      .call('runs.create', { spec: { ...xor, ...change } })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(message) })
    expect(runCount()).toBe(before)
  })

  it('refuses an experiment or a model that does not exist', async () => {
    await expect(env.call('runs.create', { spec: xor, experimentId: 999 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'there is no experiment 999'
    })
    await expect(env.call('runs.create', { spec: xor, initialModelId: 999 })).rejects.toMatchObject(
      {
        code: 'NOT_FOUND'
      }
    )
  })
})

describe('runs.list and runs.get', () => {
  it('lists with filters, newest first', async () => {
    const failed = storedRun('failed')
    const interrupted = storedRun('interrupted')
    const list = (input: object) =>
      (env.call('runs.list', input) as Promise<RunRecord[]>).then((runs) => runs.map((r) => r.id))
    expect(await list({ status: 'failed' })).toEqual([failed])
    expect(await list({ status: ['failed', 'interrupted'] })).toEqual([interrupted, failed])
    expect((await list({ search: 'stored' })).slice(0, 2)).toEqual([interrupted, failed])
    expect(await list({ dataset: 'nothing' })).toEqual([])
    await expect(env.call('runs.list', { status: 'bogus' })).rejects.toMatchObject({
      code: 'BAD_INPUT'
    })
  })

  it.each(['runs.get', 'runs.metrics', 'runs.stop', 'runs.pause', 'runs.resume', 'runs.delete'])(
    '%s answers NOT_FOUND for an unknown run and BAD_INPUT for a bad id',
    async (call) => {
      await expect(env.call(call, { id: 424242 })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'there is no run 424242'
      })
      await expect(env.call(call, { id: -1 })).rejects.toMatchObject({ code: 'BAD_INPUT' })
      await expect(env.call(call, {})).rejects.toMatchObject({ code: 'BAD_INPUT' })
    }
  )
})

describe('runs.metrics', () => {
  const id = (): number => {
    const run = storedRun('completed')
    const write = metricWriter(env.ctx.db, run)
    const points = Array.from({ length: 10 }, (_, i) => ({
      key: 'batch_loss',
      step: i + 1,
      epoch: i < 5 ? 0 : 1,
      value: i === 3 ? NaN : 10 - i,
      wallTime: 100 + i
    }))
    points.push({ key: 'loss', step: 5, epoch: 0, value: 8, wallTime: 105 })
    points.push({ key: 'loss', step: 10, epoch: 1, value: 3, wallTime: 110 })
    env.ctx.db.transaction(() => write(points))()
    return run
  }

  it('gives epoch series by default and step series on request, decimated to bucket means', async () => {
    const run = id()
    const epochs = (await env.call('runs.metrics', { id: run })) as RunMetrics
    expect(epochs).toEqual({
      id: run,
      granularity: 'epoch',
      series: [
        { key: 'loss', steps: [5, 10], epochs: [0, 1], values: [8, 3], wallTimes: [105, 110] }
      ]
    })
    const steps = (await env.call('runs.metrics', {
      id: run,
      granularity: 'step',
      keys: ['loss'],
      maxPoints: 4
    })) as RunMetrics
    // 10, 9, 8, NaN, 6, … 1 in buckets of 3: (10+9+8)/3, (6+5)/2 with the NaN left out, (4+3+2)/3, 1.
    expect(steps.series).toEqual([
      {
        key: 'batch_loss',
        steps: [3, 6, 9, 10],
        epochs: [0, 1, 1, 1],
        values: [9, 5.5, 3, 1],
        wallTimes: [102, 105, 108, 109]
      }
    ])
    const after = (await env.call('runs.metrics', {
      id: run,
      granularity: 'step',
      afterStep: 8
    })) as RunMetrics
    expect(after.series[0].steps).toEqual([9, 10])
    await expect(env.call('runs.metrics', { id: run, maxPoints: 1 })).rejects.toMatchObject({
      code: 'BAD_INPUT'
    })
  })

  it('decimate leaves short series alone and never exceeds maxPoints', () => {
    const series = (n: number): MetricSeries => ({
      key: 'k',
      steps: Array.from({ length: n }, (_, i) => i + 1),
      epochs: Array.from({ length: n }, () => 0),
      values: Array.from({ length: n }, (_, i) => i),
      wallTimes: Array.from({ length: n }, (_, i) => i)
    })
    expect(decimate(series(5), 5)).toEqual(series(5))
    for (const [n, max] of [
      [1000, 7],
      [1001, 10],
      [17, 16],
      [3, 2]
    ]) {
      const out = decimate(series(n), max)
      expect(out.steps.length).toBeLessThanOrEqual(max)
      expect(out.steps.at(-1)).toBe(n)
      // The mean of the bucket means, weighted by bucket sizes, is the mean of the series.
      const size = Math.ceil(n / max)
      const total = out.values.reduce<number>(
        (sum, v, i) => sum + v! * Math.min(size, n - i * size),
        0
      )
      expect(total / n).toBeCloseTo((n - 1) / 2, 9)
    }
  })
})

describe('state changes', () => {
  it.each<[string, RunStatus, string]>([
    ['runs.resume', 'completed', 'only a paused, stopped or interrupted run can be resumed'],
    ['runs.resume', 'failed', 'only a paused, stopped or interrupted run can be resumed'],
    ['runs.resume', 'queued', 'only a paused, stopped or interrupted run can be resumed'],
    ['runs.resume', 'running', 'only a paused, stopped or interrupted run can be resumed'],
    ['runs.pause', 'queued', 'only a running run can be paused'],
    ['runs.pause', 'paused', 'only a running run can be paused'],
    ['runs.pause', 'completed', 'only a running run can be paused'],
    ['runs.stop', 'completed', 'only a queued, running or paused run can be stopped'],
    ['runs.stop', 'interrupted', 'only a queued, running or paused run can be stopped'],
    ['runs.delete', 'running', 'stop it before deleting it'],
    ['runs.delete', 'paused', 'stop it before deleting it'],
    ['runs.delete', 'queued', 'stop it before deleting it']
  ])('%s of a %s run is a CONFLICT', async (call, status, reason) => {
    const id = storedRun(status)
    await expect(env.call(call, { id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `run ${id} is ${status}: ${reason}`,
      details: { status }
    })
    expect(findRun(env.ctx.db, id)!.status).toBe(status)
  })

  it('deletes a finished run with its metrics and checkpoints', async () => {
    const id = storedRun('completed')
    metricWriter(env.ctx.db, id)([{ key: 'loss', step: 1, epoch: 0, value: 1, wallTime: 1 }])
    saveCheckpoint(env.ctx.db, id, 'latest', {
      epoch: 1,
      step: 1,
      weights: [new Float32Array(2)],
      optimizerState: { iterations: 1, learningRate: null, slots: {} },
      rng: { words: [1, 2, 3, 4], spareNormal: null },
      history: { epoch: [0], history: {} },
      trainSeconds: 0
    })
    expect(await env.call('runs.delete', { id })).toEqual({ id, deleted: true })
    const left = (table: string) =>
      (
        env.ctx.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE run_id = ?`).get(id) as {
          n: number
        }
      ).n
    expect([left('metrics'), left('checkpoints')]).toEqual([0, 0])
    await expect(env.call('runs.get', { id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('stops, pauses and resumes a run another process trains, through its row', async () => {
    // A second context on the same folder stands for another process: its own runner holds the run.
    const ctx = createContext({ runtime: 'node', dataFolder: env.ctx.dataFolder })
    const runner = attachRunner(ctx, { workerPath, wasmDir })
    const call = createDispatch(createHandlers(ctx))
    try {
      // Long enough that it is still training when the cross-process stop arrives (polled every 500 ms).
      const run = (await call('runs.create', { spec: mnistSpec({ epochs: 1000 }) })) as RunRecord
      await nextEvent(ctx, 'run.progress', run.id)
      expect(env.runner.holds(run.id)).toBe(false)
      const paused = nextEvent(ctx, 'run.status', run.id, (p) => p.status === 'paused')
      expect(await env.call('runs.pause', { id: run.id })).toMatchObject({ pauseRequested: true })
      await paused
      const running = nextEvent(ctx, 'run.status', run.id, (p) => p.status === 'running')
      await env.call('runs.resume', { id: run.id })
      await running
      expect(await env.call('runs.stop', { id: run.id })).toMatchObject({ stopRequested: true })
      await runner.settled(run.id)
      expect(findRun(env.ctx.db, run.id)).toMatchObject({
        status: 'stopped',
        stopReason: 'stopped on request',
        stopRequested: false
      })
    } finally {
      await runner.shutdown()
      ctx.close()
    }
  })
})
