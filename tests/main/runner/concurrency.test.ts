import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunRecord, RunSpec, RunStatus } from '../../../src/contract'
import { createDispatch, createHandlers } from '../../../src/main/api/handlers'
import type { AppContext } from '../../../src/main/context'
import type { Runner } from '../../../src/main/runner/runner'
import { attachRunner } from '../../../src/main/services/runs/runner-registry'
import { findRun } from '../../../src/main/store/runs-table'
import { tempContext } from '../test-context'
import { ensureBuilt, wasmDir, workerPath } from './built-app'
import { mnistSpec } from './runner-context'

let ctx: AppContext
let runner: Runner
let call: (name: string, input: unknown) => Promise<unknown>
let cleanup: () => void
beforeAll(() => {
  ensureBuilt()
  const t = tempContext()
  ctx = t.ctx
  cleanup = t.cleanup
  // Two cores whatever the machine, so that two runs of one thread each fit.
  runner = attachRunner(ctx, { workerPath, wasmDir, cores: 2 })
  call = createDispatch(createHandlers(ctx))
})
afterAll(async () => {
  await runner.shutdown()
  cleanup()
})

const create = async (spec: RunSpec) => ((await call('runs.create', { spec })) as RunRecord).id

describe('runs at once (app.setTraining)', () => {
  it('trains as many runs at once as set, one thread each, and queues the rest', async () => {
    const settings = (await call('app.setTraining', { concurrency: 2, threads: 1 })) as {
      engineBackend: string
    }
    expect(runner.threadsPerJob).toBe(1)
    const training = new Set<number>()
    const log: string[] = []
    let most = 0
    const stop = ctx.events.subscribe((event, payload) => {
      if (event !== 'run.status') return
      const { id, status } = payload as { id: number; status: RunStatus }
      log.push(`${id} ${status}`)
      if (status === 'running') training.add(id)
      else training.delete(id)
      most = Math.max(most, training.size)
    })
    const spec = mnistSpec()
    const ids = [await create(spec), await create({ ...spec, seed: 8 }), await create(spec)]
    await Promise.all(ids.map((id) => runner.settled(id)))
    stop()

    expect(ids.map((id) => findRun(ctx.db, id)!.status)).toEqual([
      'completed',
      'completed',
      'completed'
    ])
    expect(most).toBe(2)
    // Each run records the kernels it trained with: one thread each.
    for (const id of ids) expect(findRun(ctx.db, id)!.engine).toBe(settings.engineBackend)
    expect(settings.engineBackend).not.toMatch(/threads/)
    // The third waited for a slot: it started only after one of the first two had completed.
    const thirdStarted = log.indexOf(`${ids[2]} running`)
    const firstDone = Math.min(
      log.indexOf(`${ids[0]} completed`),
      log.indexOf(`${ids[1]} completed`)
    )
    expect(firstDone).toBeGreaterThanOrEqual(0)
    expect(thirdStarted).toBeGreaterThan(firstDone)
    // Runs beside each other do not disturb each other: the same spec gives the same result.
    expect(findRun(ctx.db, ids[2])!.testMetrics).toEqual(findRun(ctx.db, ids[0])!.testMetrics)
  })
})
