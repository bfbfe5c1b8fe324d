import type { WireRequest } from '../../../src/contract/wire'
import type { SocketLike } from '../../../src/renderer/api/ws-bridge'

/** A WebSocket stand-in the test drives by hand: open it, feed it frames, drop it. */
export class FakeSocket implements SocketLike {
  onopen: ((event: Event) => unknown) | null = null
  onmessage: ((event: MessageEvent) => unknown) | null = null
  onclose: ((event: CloseEvent) => unknown) | null = null
  readonly sent: string[] = []
  isOpen = false
  closedByClient = false

  constructor(readonly url: string) {}

  send(data: string): void {
    if (!this.isOpen) throw new Error('send() on a socket that is not open')
    this.sent.push(data)
  }

  close(): void {
    this.closedByClient = true
  }

  open(): void {
    this.isOpen = true
    this.onopen?.(new Event('open'))
  }

  receive(message: unknown): void {
    const data = typeof message === 'string' ? message : JSON.stringify(message)
    this.onmessage?.(new MessageEvent('message', { data }))
  }

  drop(): void {
    this.isOpen = false
    this.onclose?.(new CloseEvent('close'))
  }

  requests(): WireRequest[] {
    return this.sent.map((frame) => JSON.parse(frame) as WireRequest)
  }
}

/** A socket factory that remembers every socket it opened, newest last. */
export function fakeSockets(): { sockets: FakeSocket[]; openSocket: (url: string) => FakeSocket } {
  const sockets: FakeSocket[] = []
  return {
    sockets,
    openSocket: (url) => {
      const socket = new FakeSocket(url)
      sockets.push(socket)
      return socket
    }
  }
}
