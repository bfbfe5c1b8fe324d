// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest'
import { WebSocketBridge } from '../../src/renderer/api/ws-bridge'
import { fakeSockets, type FakeSocket } from './support/fake-socket'

const url = 'ws://127.0.0.1:4000/api?token=t0k'

function setup(): { bridge: WebSocketBridge; sockets: FakeSocket[] } {
  const { sockets, openSocket } = fakeSockets()
  const bridge = new WebSocketBridge({ url, openSocket, initialDelayMs: 100, maxDelayMs: 400 })
  return { bridge, sockets }
}

/** The bridge settles promises from socket callbacks; let them run. */
const settle = (): Promise<void> => new Promise((resolve) => queueMicrotask(resolve))

afterEach(() => {
  vi.useRealTimers()
})

describe('WebSocketBridge', () => {
  test('connects on first use, to the URL it was given', () => {
    const { bridge, sockets } = setup()
    expect(sockets).toHaveLength(0)
    void bridge.call('app.info', {})
    expect(sockets).toHaveLength(1)
    expect(sockets[0].url).toBe(url)
  })

  test('queues calls made before the socket opens and sends them in order on open', () => {
    const { bridge, sockets } = setup()
    void bridge.call('app.ping', { echo: 'first' })
    void bridge.call('app.info', {})
    expect(sockets).toHaveLength(1)
    expect(sockets[0].sent).toEqual([])

    sockets[0].open()
    const requests = sockets[0].requests()
    expect(requests.map((r) => [r.call, r.input])).toEqual([
      ['app.ping', { echo: 'first' }],
      ['app.info', {}]
    ])
    expect(new Set(requests.map((r) => r.id)).size).toBe(2)
  })

  test('matches responses to calls by id, whatever order they come back in', async () => {
    const { bridge, sockets } = setup()
    const ping = bridge.call('app.ping', { echo: 'a' })
    const info = bridge.call('app.info', {})
    sockets[0].open()
    const [pingRequest, infoRequest] = sockets[0].requests()

    sockets[0].receive({ id: infoRequest.id, ok: true, result: { version: '9.9.9' } })
    sockets[0].receive({ id: pingRequest.id, ok: true, result: { pong: true, echo: 'a', time: 5 } })

    await expect(info).resolves.toEqual({ version: '9.9.9' })
    await expect(ping).resolves.toEqual({ pong: true, echo: 'a', time: 5 })
  })

  test('an error response rejects its call with the error shape, details included', async () => {
    const { bridge, sockets } = setup()
    const call = bridge.call('app.ping', {})
    sockets[0].open()
    const error = { code: 'BAD_INPUT', message: 'Invalid input', details: { issues: [] } }
    sockets[0].receive({ id: sockets[0].requests()[0].id, ok: false, error })
    await expect(call).rejects.toEqual(error)
  })

  test('frames that are not messages, and answers to nobody, are ignored', async () => {
    const { bridge, sockets } = setup()
    const call = bridge.call('app.ping', {})
    sockets[0].open()
    sockets[0].receive('not json {')
    sockets[0].receive({ something: 'else' })
    sockets[0].receive({ id: 12345, ok: true, result: 'stray' })
    sockets[0].receive({ id: sockets[0].requests()[0].id, ok: true, result: 'mine' })
    await expect(call).resolves.toBe('mine')
  })

  test('events reach their subscribers until they unsubscribe', () => {
    const { bridge, sockets } = setup()
    const first = vi.fn()
    const second = vi.fn()
    const unsubscribeFirst = bridge.on('app.ready', first)
    bridge.on('app.ready', second)
    expect(sockets).toHaveLength(1)
    sockets[0].open()

    sockets[0].receive({ event: 'app.ready', payload: { time: 1 } })
    sockets[0].receive({ event: 'some.other', payload: { time: 2 } })
    unsubscribeFirst()
    sockets[0].receive({ event: 'app.ready', payload: { time: 3 } })

    expect(first.mock.calls).toEqual([[{ time: 1 }]])
    expect(second.mock.calls).toEqual([[{ time: 1 }], [{ time: 3 }]])
  })

  test('losing the connection rejects every pending call, sent or still queued', async () => {
    vi.useFakeTimers()
    const { bridge, sockets } = setup()
    const sent = bridge.call('app.ping', {})
    sockets[0].open()
    sockets[0].drop()
    const lost = { code: 'INTERNAL', message: 'connection lost' }
    await expect(sent).rejects.toEqual(lost)

    const { bridge: other, sockets: otherSockets } = setup()
    const queued = other.call('app.info', {})
    otherSockets[0].drop() // never opened: the host was not there
    await expect(queued).rejects.toEqual(lost)
  })

  test('reconnects with a doubling, capped delay, reset once a socket opens', () => {
    vi.useFakeTimers()
    const { bridge, sockets } = setup()
    void bridge.call('app.info', {}).catch(() => {})
    sockets[0].drop()

    // Delays 100, 200, 400, then capped at 400.
    for (const [attempt, delay] of [100, 200, 400, 400].entries()) {
      vi.advanceTimersByTime(delay - 1)
      expect(sockets).toHaveLength(attempt + 1)
      vi.advanceTimersByTime(1)
      expect(sockets).toHaveLength(attempt + 2)
      sockets[attempt + 1].drop()
    }

    vi.advanceTimersByTime(400)
    sockets[5].open()
    sockets[5].drop()
    vi.advanceTimersByTime(99)
    expect(sockets).toHaveLength(6)
    vi.advanceTimersByTime(1)
    expect(sockets).toHaveLength(7)
  })

  test('after reconnecting, calls go through and subscriptions still receive events', async () => {
    vi.useFakeTimers()
    const { bridge, sockets } = setup()
    const handler = vi.fn()
    bridge.on('app.ready', handler)
    sockets[0].open()
    sockets[0].drop()

    const call = bridge.call('app.ping', {})
    vi.advanceTimersByTime(100)
    expect(sockets).toHaveLength(2)
    sockets[1].open()
    sockets[1].receive({ id: sockets[1].requests()[0].id, ok: true, result: 'again' })
    sockets[1].receive({ event: 'app.ready', payload: { time: 7 } })

    await expect(call).resolves.toBe('again')
    expect(handler).toHaveBeenCalledWith({ time: 7 })
  })

  test('a replaced socket can no longer touch the client', async () => {
    vi.useFakeTimers()
    const { bridge, sockets } = setup()
    const handler = vi.fn()
    bridge.on('app.ready', handler)
    sockets[0].open()
    sockets[0].drop()
    vi.advanceTimersByTime(100)
    sockets[1].open()
    const call = bridge.call('app.ping', {})

    sockets[0].receive({ event: 'app.ready', payload: { time: 1 } })
    sockets[0].drop()
    await settle()

    expect(handler).not.toHaveBeenCalled()
    sockets[1].receive({ id: sockets[1].requests()[0].id, ok: true, result: 'fine' })
    await expect(call).resolves.toBe('fine')
    expect(sockets).toHaveLength(2)
  })

  test('close() rejects pending calls, closes the socket and never reconnects', async () => {
    vi.useFakeTimers()
    const { bridge, sockets } = setup()
    const call = bridge.call('app.ping', {})
    sockets[0].open()
    bridge.close()

    await expect(call).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(sockets[0].closedByClient).toBe(true)
    sockets[0].drop()
    vi.advanceTimersByTime(10_000)
    expect(sockets).toHaveLength(1)
    await expect(bridge.call('app.info', {})).rejects.toMatchObject({ code: 'INTERNAL' })
  })
})
