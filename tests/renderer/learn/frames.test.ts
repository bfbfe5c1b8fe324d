import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { animate, iterateInFrames } from '../../../src/renderer/learn/plot/frames'

/** A hand-cranked requestAnimationFrame: frame() runs the callbacks queued so far. */
let queue: Map<number, FrameRequestCallback>
let nextHandle = 1
function frame(): void {
  const due = [...queue.values()]
  queue.clear()
  for (const cb of due) cb(0)
}

beforeEach(() => {
  queue = new Map()
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    queue.set(nextHandle, cb)
    return nextHandle++
  })
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => queue.delete(handle))
})
afterEach(() => vi.unstubAllGlobals())

describe('frames', () => {
  test('animate ticks once a frame until the tick says stop', () => {
    let ticks = 0
    animate(() => ++ticks < 3)
    for (let i = 0; i < 5; i++) frame()
    expect(ticks).toBe(3)
  })

  test('stop() cancels the next frame', () => {
    let ticks = 0
    const loop = animate(() => {
      ticks++
      return true
    })
    frame()
    loop.stop()
    frame()
    expect(ticks).toBe(1)
  })

  test('iterateInFrames spreads the work over frames and hands over the result', () => {
    function* work(): Generator<number, string> {
      for (let i = 0; i < 4; i++) yield i
      return 'done'
    }
    const results: string[] = []
    // A zero budget: one step of the iterator per frame.
    iterateInFrames(work(), (r) => results.push(r), 0)
    frame()
    expect(results).toEqual([])
    for (let i = 0; i < 5; i++) frame()
    expect(results).toEqual(['done'])
  })
})
