import type { DescentBridge } from '../../contract/bridge'
import type { ApiErrorShape } from '../../contract/errors'
import { wsPath } from '../../contract/wire'
import { sessionToken } from './token'
import { WebSocketBridge } from './ws-bridge'

/** The parts of `window` the choice depends on. */
export interface BridgeHost {
  descent?: DescentBridge
  location: Pick<Location, 'search' | 'protocol' | 'host'>
  sessionStorage: Storage
}

/** The Electron preload's bridge when there is one, else a WebSocket to the page's own host. */
export function chooseBridge(host: BridgeHost): DescentBridge {
  if (host.descent) return host.descent
  const token = sessionToken(host.location, host.sessionStorage)
  return token === null ? missingToken : new WebSocketBridge({ url: apiUrl(host.location, token) })
}

export function apiUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}${wsPath}?token=${encodeURIComponent(token)}`
}

const noToken: ApiErrorShape = {
  code: 'FORBIDDEN',
  message: 'This page has no session token: open the address the web host printed (…?token=…).'
}

/** Without a token the host would refuse the socket; say why instead of retrying forever. */
const missingToken: DescentBridge = {
  call: () => Promise.reject(noToken),
  on: () => () => {}
}
