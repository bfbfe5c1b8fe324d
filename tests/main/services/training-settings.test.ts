import { execFileSync } from 'node:child_process'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TrainingSettings } from '../../../src/contract'
import { createDispatch, createHandlers } from '../../../src/main/api/handlers'
import type { AppContext } from '../../../src/main/context'
import {
  attachRunner,
  CONCURRENCY_SETTING,
  THREADS_SETTING
} from '../../../src/main/services/runs/runner-registry'
import { wasmDir } from '../runner/built-app'
import { rejection, tempContext } from '../test-context'

beforeAll(() => {
  // The backend a run would get is named from the built kernels (no-op when up to date).
  execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { stdio: 'ignore' })
})

let cleanup = (): void => {}
afterEach(() => cleanup())

/** The real handlers over a fresh data folder whose runner shares `cores` cores. */
function withCores(cores: number) {
  const t = tempContext()
  cleanup = t.cleanup
  const runner = attachRunner(t.ctx, { cores, wasmDir, workerPath: '/nonexistent/worker.js' })
  const dispatch = createDispatch(createHandlers(t.ctx))
  return {
    ctx: t.ctx,
    runner,
    read: () => dispatch('app.training', {}) as Promise<TrainingSettings>,
    set: (input: Record<string, unknown>) =>
      dispatch('app.setTraining', input) as Promise<TrainingSettings>,
    info: () => dispatch('app.info', {}) as Promise<{ threads: number; engineBackend: string }>
  }
}

function stored(ctx: AppContext): Record<string, unknown> {
  return {
    concurrency: ctx.settings.get(CONCURRENCY_SETTING),
    threads: ctx.settings.get(THREADS_SETTING)
  }
}

describe('app.training and app.setTraining', () => {
  it('start with one run at once on every core', async () => {
    const app = withCores(4)
    expect(await app.read()).toMatchObject({
      cores: 4,
      concurrency: 1,
      threads: null,
      threadsPerRun: 4,
      engineBackend: expect.stringMatching(/×4 threads$/)
    })
  })

  it('give a run the threads set, and app.info and the runner agree', async () => {
    const app = withCores(4)
    const one = await app.set({ threads: 1 })
    expect(one).toMatchObject({ concurrency: 1, threads: 1, threadsPerRun: 1 })
    expect(one.engineBackend).not.toMatch(/threads/)
    expect(app.runner.threadsPerJob).toBe(1)
    expect(await app.info()).toMatchObject({ threads: 1, engineBackend: one.engineBackend })
    expect(await app.read()).toEqual(one)
  })

  it('share the cores evenly among the runs at once while threads are automatic', async () => {
    const app = withCores(4)
    expect(await app.set({ concurrency: 2 })).toMatchObject({
      concurrency: 2,
      threads: null,
      threadsPerRun: 2
    })
    expect(app.runner.concurrency).toBe(2)
    expect(await app.set({ concurrency: 3 })).toMatchObject({ threadsPerRun: 1 })
    // Leaving a field out keeps it.
    expect(await app.set({ threads: 1 })).toMatchObject({ concurrency: 3, threads: 1 })
    // null goes back to automatic, and the setting is gone from the database.
    expect(await app.set({ threads: null })).toMatchObject({ threads: null, threadsPerRun: 1 })
    expect(stored(app.ctx)).toEqual({ concurrency: 3, threads: undefined })
  })

  it('refuse more threads than cores, saying why, and store nothing', async () => {
    const app = withCores(4)
    await app.set({ concurrency: 2, threads: 2 })
    const tooMany = await rejection(app.set({ concurrency: 3 }))
    expect(tooMany.toJSON()).toMatchObject({
      code: 'BAD_INPUT',
      message: '3 runs at once with 2 threads each would need 6 cores; this machine has 4 cores.'
    })
    const tooWide = await rejection(app.set({ concurrency: 1, threads: 5 }))
    expect(tooWide.message).toBe(
      '1 run at once with 5 threads each would need 5 cores; this machine has 4 cores.'
    )
    const tooManyRuns = await rejection(app.set({ concurrency: 5, threads: null }))
    expect(tooManyRuns.message).toBe('At most 4 runs at once: this machine has 4 cores.')
    expect(stored(app.ctx)).toEqual({ concurrency: 2, threads: 2 })
    expect(await app.read()).toMatchObject({ concurrency: 2, threads: 2, threadsPerRun: 2 })
  })

  it('refuse values that are not whole numbers ≥ 1 at the door', async () => {
    const app = withCores(2)
    for (const input of [{ threads: 0 }, { threads: 1.5 }, { concurrency: 0 }, { cores: 8 }]) {
      expect((await rejection(app.set(input))).code).toBe('BAD_INPUT')
    }
    expect(stored(app.ctx)).toEqual({ concurrency: undefined, threads: undefined })
  })

  it('read a hand-edited setting that makes no sense as automatic', async () => {
    const app = withCores(2)
    app.ctx.settings.set(THREADS_SETTING, 'two')
    app.ctx.settings.set(CONCURRENCY_SETTING, -1)
    expect(await app.read()).toMatchObject({ concurrency: 1, threads: null, threadsPerRun: 2 })
  })
})
