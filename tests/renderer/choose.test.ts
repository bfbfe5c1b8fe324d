// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, expectTypeOf, test, vi } from 'vitest'
import type { AppInfoOutput } from '../../src/contract/app'
import type { DescentBridge } from '../../src/contract/bridge'
import { api } from '../../src/renderer/api'
import { apiUrl, chooseBridge, type BridgeHost } from '../../src/renderer/api/choose'
import { WebSocketBridge } from '../../src/renderer/api/ws-bridge'
import { FakeSocket } from './support/fake-socket'

function host(search: string, descent?: DescentBridge, protocol = 'http:'): BridgeHost {
  return {
    descent,
    location: { search, protocol, host: '127.0.0.1:4321' },
    sessionStorage: window.sessionStorage
  }
}

/** Replaces the global WebSocket class; returns the sockets the page opens. */
function stubWebSocket(): FakeSocket[] {
  const sockets: FakeSocket[] = []
  vi.stubGlobal(
    'WebSocket',
    class extends FakeSocket {
      constructor(url: string) {
        super(url)
        sockets.push(this)
      }
    }
  )
  return sockets
}

beforeEach(() => {
  sessionStorage.clear()
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('chooseBridge', () => {
  test('uses the Electron preload bridge when window.descent exists', () => {
    const descent: DescentBridge = {
      call: () => Promise.reject(new Error('unused')),
      on: () => () => {}
    }
    expect(chooseBridge(host('?token=abc', descent))).toBe(descent)
  })

  test('otherwise opens a WebSocket to the page host with the token from the URL', () => {
    const sockets = stubWebSocket()
    const bridge = chooseBridge(host('?token=a%2Fb%20c'))
    expect(bridge).toBeInstanceOf(WebSocketBridge)
    expect(sockets).toHaveLength(0) // nothing is opened before the first call

    void bridge.call('app.info', {})
    expect(sockets.map((s) => s.url)).toEqual(['ws://127.0.0.1:4321/api?token=a%2Fb%20c'])
  })

  test('keeps the token for the tab, so a page without ?token still connects', () => {
    chooseBridge(host('?token=first'))
    expect(sessionStorage.getItem('descent.token')).toBe('first')

    const sockets = stubWebSocket()
    void chooseBridge(host('')).call('app.info', {})
    expect(sockets[0].url).toBe('ws://127.0.0.1:4321/api?token=first')

    chooseBridge(host('?token=second'))
    expect(sessionStorage.getItem('descent.token')).toBe('second')
  })

  test('without any token every call is refused with a FORBIDDEN error that says why', async () => {
    const bridge = chooseBridge(host(''))
    await expect(bridge.call('app.ping', {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('token')
    })
  })

  test('the exported api is typed from the contract table', () => {
    expectTypeOf<ReturnType<typeof api.call<'app.info'>>>().toEqualTypeOf<Promise<AppInfoOutput>>()
    expectTypeOf(api).toEqualTypeOf<DescentBridge>()
  })
})

describe('apiUrl', () => {
  test('uses wss on an https page and ws otherwise, on the path of the contract', () => {
    expect(apiUrl({ protocol: 'https:', host: 'box:8443' }, 't')).toBe('wss://box:8443/api?token=t')
    expect(apiUrl({ protocol: 'http:', host: 'localhost:80' }, 't')).toBe(
      'ws://localhost:80/api?token=t'
    )
  })
})
