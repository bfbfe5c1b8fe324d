import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SLICE_MS, Pacer } from '../../../src/engine/model/pacer'

describe('Pacer', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('is due once its slice of work has passed, and again a slice after each pause', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] })
    const pacer = new Pacer(200)
    vi.advanceTimersByTime(199)
    expect(pacer.due).toBe(false)
    vi.advanceTimersByTime(1)
    expect(pacer.due).toBe(true)
    const paused = pacer.pause()
    await vi.runAllTimersAsync()
    await paused
    expect(pacer.due).toBe(false)
    vi.advanceTimersByTime(200)
    expect(pacer.due).toBe(true)
  })

  it('takes the default slice when none is given', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const pacer = new Pacer()
    vi.advanceTimersByTime(DEFAULT_SLICE_MS - 1)
    expect(pacer.due).toBe(false)
    vi.advanceTimersByTime(1)
    expect(pacer.due).toBe(true)
  })
})
