import type { ApiErrorShape } from './errors'

/**
 * The web host's WebSocket protocol (JSON text frames), path `/api?token=…`.
 * client → host: a request; host → client: its response, or an event at any time.
 */
export interface WireRequest {
  id: number
  call: string
  input: unknown
}

export type WireResponse =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ApiErrorShape }

export interface WireEvent {
  event: string
  payload: unknown
}

export type WireMessage = WireResponse | WireEvent

export const wsPath = '/api'
/** Largest request frame the host accepts (imports of big files go through other routes). */
export const maxRequestBytes = 64 * 1024 * 1024
