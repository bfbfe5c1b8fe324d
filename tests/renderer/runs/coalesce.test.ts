import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { coalesce } from '../../../src/renderer/runs/coalesce'

/** A task whose runs finish when the test says so. */
function controlledTask() {
  const finish: (() => void)[] = []
  let started = 0
  const task = () =>
    new Promise<void>((done) => {
      started++
      finish.push(done)
    })
  return { task, finish, started: () => started }
}

/** Node's process, typed here because the renderer's tests are compiled without Node's types. */
type Listener = (reason: unknown) => void
const nodeProcess = (
  globalThis as unknown as {
    process: { on(event: string, f: Listener): void; off(event: string, f: Listener): void }
  }
).process

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('coalesce', () => {
  test('runs one at a time; requests meanwhile fold into one more run', async () => {
    const { task, finish, started } = controlledTask()
    const refresh = coalesce(task)
    refresh.request()
    refresh.request()
    refresh.request()
    expect(started()).toBe(1)
    finish[0]()
    await vi.advanceTimersByTimeAsync(0)
    expect(started()).toBe(2)
    finish[1]()
    await vi.advanceTimersByTimeAsync(0)
    expect(started()).toBe(2)
  })

  test('starts runs at least the gap apart', async () => {
    const { task, finish, started } = controlledTask()
    const refresh = coalesce(task, 400)
    refresh.request()
    finish[0]()
    await vi.advanceTimersByTimeAsync(100)
    refresh.request()
    refresh.request()
    await vi.advanceTimersByTimeAsync(250)
    expect(started()).toBe(1)
    await vi.advanceTimersByTimeAsync(50)
    expect(started()).toBe(2)
  })

  test('keeps serving requests after a run fails', async () => {
    let calls = 0
    const failures: unknown[] = []
    const refresh = coalesce(async () => {
      calls++
      if (calls === 1) throw new Error('boom')
    })
    // The first run's failure is not swallowed: it surfaces as an unhandled rejection (in the
    // app, the global handler reports it), which this test catches instead of the test runner.
    const onRejection = (reason: unknown) => failures.push(reason)
    nodeProcess.on('unhandledRejection', onRejection)
    refresh.request()
    await vi.advanceTimersByTimeAsync(0)
    refresh.request()
    await vi.advanceTimersByTimeAsync(0)
    nodeProcess.off('unhandledRejection', onRejection)
    expect(calls).toBe(2)
    expect(failures).toHaveLength(1)
  })

  test('does nothing more once cancelled', async () => {
    const { task, finish, started } = controlledTask()
    const refresh = coalesce(task, 400)
    refresh.request()
    finish[0]()
    refresh.request()
    refresh.cancel()
    await vi.advanceTimersByTimeAsync(1000)
    refresh.request()
    expect(started()).toBe(1)
  })
})
