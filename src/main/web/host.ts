import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  maxRequestBytes,
  toApiError,
  wsPath,
  type WireEvent,
  type WireRequest,
  type WireResponse
} from '../../contract'
import type { Dispatch } from '../api/handlers'
import type { EventBus } from '../api/event-bus'
import { allowedHosts, hostAllowed, newToken, originAllowed, tokenMatches } from './guards'
import { resolveStatic, sendFile } from './static-files'

export interface WebHostOptions {
  dispatch: Dispatch
  events: EventBus
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 = any free port. */
  port?: number
  host?: string
  /** Fixed token (tests); a random one otherwise. */
  token?: string
}

export interface WebHost {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "font-src 'self'; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The token travels in the page URL: never hand it to anyone in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store'
}

/**
 * The browser door: the built renderer over HTTP and the API over a WebSocket, on loopback only,
 * guarded by a random token and Host/Origin checks.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1'
  const token = options.token ?? newToken()
  let allowed = new Set<string>()

  const server: Server = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, allowed)) {
      res
        .writeHead(421, { 'Content-Type': 'text/plain' })
        .end('Misdirected request: unexpected Host header')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end()
      return
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const file = resolveStatic(options.rendererDir, path)
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...securityHeaders }).end('Not found')
      return
    }
    sendFile(res, file, securityHeaders)
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxRequestBytes })
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const reject = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`)
    }
    if (url.pathname !== wsPath) return reject('404 Not Found')
    if (!hostAllowed(req.headers.host, allowed) || !originAllowed(req.headers.origin, allowed)) {
      return reject('403 Forbidden')
    }
    if (!tokenMatches(token, url.searchParams.get('token'))) return reject('401 Unauthorized')
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, options.dispatch))
  })

  const unsubscribe = options.events.subscribe((event, payload) => {
    const frame = JSON.stringify({ event, payload } satisfies WireEvent)
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  allowed = allowedHosts(host, port)
  const urlHost = host.includes(':') ? `[${host}]` : host

  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe()
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function serveClient(ws: WebSocket, dispatch: Dispatch): void {
  ws.on('message', async (data, isBinary) => {
    let request: WireRequest
    try {
      if (isBinary) throw new Error('binary frames are not part of the protocol')
      request = JSON.parse(String(data)) as WireRequest
      if (typeof request !== 'object' || request === null || typeof request.id !== 'number') {
        throw new Error('a request needs a numeric id')
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      ws.send(
        JSON.stringify({
          id: -1,
          ok: false,
          error: { code: 'BAD_INPUT', message: `Malformed request: ${message}` }
        })
      )
      return
    }
    let response: WireResponse
    try {
      response = { id: request.id, ok: true, result: await dispatch(request.call, request.input) }
    } catch (err) {
      response = { id: request.id, ok: false, error: toApiError(err) }
    }
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response))
  })
}
