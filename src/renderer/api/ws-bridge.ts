import type { CallInput, CallName, CallOutput } from '../../contract/calls'
import type { DescentBridge } from '../../contract/bridge'
import { isApiErrorShape, toApiError, type ApiErrorShape } from '../../contract/errors'
import type { EventName, EventPayload } from '../../contract/events'
import type { WireMessage, WireRequest } from '../../contract/wire'

/** The part of the browser's WebSocket this client uses, so tests can hand in a fake. */
export interface SocketLike {
  send(data: string): void
  close(): void
  onopen: ((event: Event) => unknown) | null
  onmessage: ((event: MessageEvent) => unknown) | null
  onclose: ((event: CloseEvent) => unknown) | null
}

export interface WebSocketBridgeOptions {
  url: string
  openSocket?: (url: string) => SocketLike
  /** First reconnect delay; each failed attempt doubles it up to maxDelayMs. */
  initialDelayMs?: number
  maxDelayMs?: number
}

const connectionLost: ApiErrorShape = { code: 'INTERNAL', message: 'connection lost' }
const clientClosed: ApiErrorShape = { code: 'INTERNAL', message: 'client closed' }

interface Pending {
  resolve: (result: unknown) => void
  reject: (error: ApiErrorShape) => void
}

type Handler = (payload: unknown) => void

/**
 * The browser door: the contract's calls as JSON frames over one WebSocket to the web host.
 * It connects on first use, queues frames until the socket opens, and after a drop rejects what
 * was in flight (the host may or may not have run it) and reconnects with exponential backoff.
 */
export class WebSocketBridge implements DescentBridge {
  private readonly url: string
  private readonly openSocket: (url: string) => SocketLike
  private readonly initialDelayMs: number
  private readonly maxDelayMs: number

  private socket: SocketLike | null = null
  private isOpen = false
  private queued: string[] = []
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly handlers = new Map<string, Set<Handler>>()
  private failedAttempts = 0
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined
  private closed = false

  constructor(options: WebSocketBridgeOptions) {
    this.url = options.url
    this.openSocket = options.openSocket ?? ((url) => new WebSocket(url))
    this.initialDelayMs = options.initialDelayMs ?? 250
    this.maxDelayMs = options.maxDelayMs ?? 5000
  }

  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    if (this.closed) return Promise.reject(clientClosed)
    const request: WireRequest = { id: this.nextId++, call: name, input }
    return new Promise<CallOutput<N>>((resolve, reject) => {
      this.pending.set(request.id, { resolve: resolve as (result: unknown) => void, reject })
      this.send(JSON.stringify(request))
    })
  }

  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
    const subscribers = this.handlers.get(event) ?? new Set<Handler>()
    this.handlers.set(event, subscribers)
    const untyped = handler as Handler
    subscribers.add(untyped)
    this.connect()
    return () => {
      subscribers.delete(untyped)
    }
  }

  /** Stop for good: close the socket, cancel reconnects, reject what is still pending. */
  close(): void {
    this.closed = true
    clearTimeout(this.reconnectTimer)
    const socket = this.socket
    this.dropSocket(clientClosed)
    socket?.close()
  }

  private send(frame: string): void {
    if (this.isOpen && this.socket) {
      this.socket.send(frame)
      return
    }
    this.queued.push(frame)
    this.connect()
  }

  private connect(): void {
    if (this.closed || this.socket || this.reconnectTimer !== undefined) return
    const socket = this.openSocket(this.url)
    this.socket = socket
    // A socket replaced by a newer one must not touch the client's state any more.
    const current = (): boolean => this.socket === socket
    socket.onopen = () => {
      if (current()) this.opened(socket)
    }
    socket.onmessage = (event) => {
      if (current()) this.receive(event.data)
    }
    socket.onclose = () => {
      if (current()) this.lost()
    }
  }

  private opened(socket: SocketLike): void {
    this.isOpen = true
    this.failedAttempts = 0
    const frames = this.queued
    this.queued = []
    for (const frame of frames) socket.send(frame)
  }

  private lost(): void {
    this.dropSocket(connectionLost)
    const delay = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** this.failedAttempts)
    this.failedAttempts++
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined
      this.connect()
    }, delay)
  }

  private dropSocket(reason: ApiErrorShape): void {
    this.socket = null
    this.isOpen = false
    this.queued = []
    const pending = [...this.pending.values()]
    this.pending.clear()
    for (const call of pending) call.reject(reason)
  }

  private receive(data: unknown): void {
    const message = parseMessage(data)
    if (!message) return
    if ('id' in message) {
      const call = this.pending.get(message.id)
      if (!call) return
      this.pending.delete(message.id)
      if (message.ok) call.resolve(message.result)
      else call.reject(isApiErrorShape(message.error) ? message.error : toApiError(message.error))
      return
    }
    for (const handler of [...(this.handlers.get(message.event) ?? [])]) handler(message.payload)
  }
}

/** A frame from the host, or null for anything that is not one (the host never sends those). */
function parseMessage(data: unknown): WireMessage | null {
  if (typeof data !== 'string') return null
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  if (typeof v.id === 'number' && typeof v.ok === 'boolean') return value as WireMessage
  if (typeof v.event === 'string') return value as WireMessage
  return null
}
