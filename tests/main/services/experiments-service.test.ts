import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiErrorShape, ExperimentDetail, ExportedRuns, RunSpec } from '../../../src/contract'
import { runnerContext, type RunnerContext } from '../runner/runner-context'
import { rejection } from '../test-context'

const base: Omit<RunSpec, 'optimizer'> = {
  data: { dataset: 'xor', samples: 160 },
  layers: [
    { kind: 'dense', units: 8, activation: 'tanh' },
    { kind: 'dense', units: 1, activation: 'sigmoid' }
  ],
  loss: 'binary_crossentropy',
  metrics: ['accuracy'],
  epochs: 2,
  batchSize: 16,
  seed: 11
}
const sgd = (lr: number) => ({ name: 'sgd', config: { learning_rate: lr } })

let env: RunnerContext
beforeAll(() => {
  env = runnerContext()
})
afterAll(async () => {
  await env.cleanup()
})

const get = (id: number) => env.call('experiments.get', { id }) as Promise<ExperimentDetail>

/** Polls until every run of the experiment has finished and a sweep has no phase left. */
async function settled(id: number): Promise<ExperimentDetail> {
  for (;;) {
    const detail = await get(id)
    const busy = detail.runs.some((r) => ['queued', 'running', 'paused'].includes(r.status))
    if (!busy && (detail.sweep === null || detail.sweep.phase === 'done')) return detail
    await new Promise((r) => setTimeout(r, 100))
  }
}

const refusal = (p: Promise<unknown>) => rejection<ApiErrorShape>(p)

const count = (table: string): number =>
  (env.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

describe('experiments.compare', () => {
  it('runs each optimizer seed by seed from the same initial weights and batch order', async () => {
    const created = (await env.call('experiments.compare', {
      spec: base,
      optimizers: [sgd(0.5), { name: 'adam', config: {} }, sgd(0.5)],
      seeds: 2
    })) as ExperimentDetail
    expect(created.kind).toBe('comparison')
    expect(created.runs.map((r) => [r.optimizer, r.seed])).toEqual([
      ['sgd', 11],
      ['adam', 11],
      ['sgd', 11],
      ['sgd', 12],
      ['adam', 12],
      ['sgd', 12]
    ])
    const done = await settled(created.id)
    expect(done.runs.every((r) => r.status === 'completed')).toBe(true)
    const finalLoss = (i: number) => done.runs[i].finalMetrics!.logs.loss
    // Same optimizer, same seed: same start and same batches, so the very same result…
    expect(finalLoss(2)).toBe(finalLoss(0))
    // …while another seed starts elsewhere.
    expect(finalLoss(3)).not.toBe(finalLoss(0))

    // Identical configurations form one group over both seeds; adam its own.
    expect(done.groups.map((g) => [g.label, g.runIds.length])).toEqual([
      ['sgd lr=0.5', 4],
      ['adam', 2]
    ])
    const adamLosses = done.runs
      .filter((r) => r.optimizer === 'adam')
      .map((r) => r.finalMetrics!.logs.loss)
    const mean = (adamLosses[0] + adamLosses[1]) / 2
    const std = Math.abs(adamLosses[0] - adamLosses[1]) / Math.SQRT2
    expect(done.groups[1].final.loss.n).toBe(2)
    expect(done.groups[1].final.loss.mean).toBeCloseTo(mean, 12)
    expect(done.groups[1].final.loss.std).toBeCloseTo(std, 12)
    expect(done.groups[1].final.test_accuracy.n).toBe(2)
  })

  it('refuses a bad optimizer setting before storing anything', async () => {
    const before = [count('experiments'), count('runs')]
    const error = await refusal(
      env.call('experiments.compare', {
        spec: base,
        optimizers: [sgd(0.1), { name: 'rmsprop', config: { rho: 5 } }]
      })
    )
    expect(error.code).toBe('BAD_INPUT')
    expect(error.message).toMatch(/rho/)
    expect([count('experiments'), count('runs')]).toEqual(before)
  })

  it('refuses an empty optimizer list at the door', async () => {
    expect(
      (await refusal(env.call('experiments.compare', { spec: base, optimizers: [] }))).code
    ).toBe('BAD_INPUT')
  })
})

describe('experiments.sweep', () => {
  it('runs a log grid, then reruns the best rate over new seeds (DeepOBS)', async () => {
    const created = (await env.call('experiments.sweep', {
      spec: base,
      optimizer: sgd(0.01),
      learningRates: { min: 0.01, max: 1, steps: 3 },
      seeds: 2
    })) as ExperimentDetail
    expect(created.sweep!.grid.map((p) => p.learningRate)).toEqual([0.01, 0.1, 1])
    expect(created.sweep!.phase).toBe('grid')
    const done = await settled(created.id)
    const grid = done.sweep!.grid
    expect(grid.every((p) => typeof p.value === 'number')).toBe(true)
    const best = grid.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a))
    expect(done.sweep!.bestLearningRate).toBe(best.learningRate)
    // The reruns: the best rate, seeds after the grid's.
    const reruns = done.runs.filter((r) => !grid.some((p) => p.runId === r.id))
    expect(reruns.map((r) => r.seed)).toEqual([12, 13])
    for (const run of reruns) {
      const detail = (await env.call('runs.get', { id: run.id })) as { spec: RunSpec }
      expect(detail.spec.optimizer.config.learning_rate).toBe(best.learningRate)
    }
    expect(done.sweep!.rerun!.final.loss.n).toBe(2)
  })

  it('scores a diverging rate as infinitely bad', async () => {
    const regression: Omit<RunSpec, 'optimizer'> = {
      ...base,
      data: { dataset: 'sine', samples: 160 },
      layers: [
        { kind: 'dense', units: 8, activation: 'tanh' },
        { kind: 'dense', units: 1, activation: 'linear' }
      ],
      loss: 'mean_squared_error',
      metrics: ['mae'],
      epochs: 1
    }
    const created = (await env.call('experiments.sweep', {
      spec: regression,
      optimizer: sgd(1),
      learningRates: { min: 0.01, max: 1e9, steps: 2 },
      seeds: 0
    })) as ExperimentDetail
    const done = await settled(created.id)
    expect(done.sweep!.grid[1].value).toBe(Infinity)
    expect(done.runs[1].stopReason).toMatch(/^loss became/)
    expect(done.sweep!.bestLearningRate).toBe(0.01)
    expect(done.runs).toHaveLength(2)
  })

  it('refuses to monitor val_loss without a validation split', async () => {
    const error = await refusal(
      env.call('experiments.sweep', {
        spec: base,
        optimizer: sgd(0.1),
        learningRates: { min: 0.01, max: 1, steps: 3 },
        monitor: 'val_loss'
      })
    )
    expect(error.code).toBe('BAD_INPUT')
  })
})

describe('experiments: listing, export and deletion', () => {
  it('lists experiments with run counts by status', async () => {
    const created = (await env.call('experiments.seedGroup', {
      spec: { ...base, optimizer: sgd(0.3) },
      seeds: 2
    })) as ExperimentDetail
    await settled(created.id)
    const list = (await env.call('experiments.list', {})) as {
      id: number
      runCount: number
      statusCounts: Record<string, number>
    }[]
    expect(list[0]).toMatchObject({ id: created.id, runCount: 2, statusCounts: { completed: 2 } })
  })

  it('exports runs as long-form CSV and as JSON with every logged value', async () => {
    const created = (await env.call('experiments.compare', {
      spec: { ...base, epochs: 1 },
      optimizers: [sgd(0.2), sgd(0.4)]
    })) as ExperimentDetail
    const done = await settled(created.id)
    const points = env.ctx.db
      .prepare(
        `SELECT count(*) AS n FROM metrics WHERE run_id IN (${done.runs.map((r) => r.id).join(',')}) AND key NOT LIKE 'batch\\_%' ESCAPE '\\'`
      )
      .get() as { n: number }
    const csv = (await env.call('experiments.exportRuns', {
      experimentId: created.id,
      format: 'csv'
    })) as ExportedRuns
    const lines = csv.content.trim().split('\n')
    expect(lines[0]).toBe(
      'run_id,run_name,experiment_id,role,optimizer,seed,key,step,epoch,value,wall_time'
    )
    expect(lines).toHaveLength(1 + points.n)
    expect(csv.fileName).toMatch(/\.csv$/)
    const json = (await env.call('experiments.exportRuns', {
      runIds: [done.runs[1].id],
      format: 'json'
    })) as ExportedRuns
    const parsed = JSON.parse(json.content) as {
      runs: { id: number; spec: RunSpec; series: { key: string }[] }[]
    }
    expect(parsed.runs.map((r) => r.id)).toEqual([done.runs[1].id])
    expect(parsed.runs[0].spec.optimizer.config.learning_rate).toBe(0.4)
    expect(parsed.runs[0].series.map((s) => s.key)).toContain('loss')
  })

  it('refuses an export that names nothing, or a run that does not exist', async () => {
    expect((await refusal(env.call('experiments.exportRuns', { format: 'csv' }))).code).toBe(
      'BAD_INPUT'
    )
    expect(
      (await refusal(env.call('experiments.exportRuns', { runIds: [999999], format: 'csv' }))).code
    ).toBe('NOT_FOUND')
  })

  it('deletes a finished experiment with its runs, but not one still running', async () => {
    const created = (await env.call('experiments.compare', {
      spec: { ...base, epochs: 5000 },
      optimizers: [sgd(0.1)]
    })) as ExperimentDetail
    expect((await refusal(env.call('experiments.delete', { id: created.id }))).code).toBe(
      'CONFLICT'
    )
    await env.call('runs.stop', { id: created.runs[0].id })
    await settled(created.id)
    expect(await env.call('experiments.delete', { id: created.id })).toEqual({
      id: created.id,
      deleted: true
    })
    expect((await refusal(get(created.id))).code).toBe('NOT_FOUND')
    expect((await refusal(env.call('runs.get', { id: created.runs[0].id }))).code).toBe('NOT_FOUND')
  })
})
