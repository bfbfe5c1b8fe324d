/** The one error shape every door returns: Electron IPC, the web host's WebSocket and the CLI. */
export interface ApiErrorShape {
  code: ErrorCode
  message: string
  details?: unknown
}

export const errorCodes = [
  'BAD_INPUT', // the input failed the call's schema
  'UNKNOWN_CALL', // no such call in the contract
  'NOT_FOUND', // a run, model or data set that does not exist
  'CONFLICT', // the operation does not fit the current state (e.g. resuming a completed run)
  'INVALID_DATA', // an imported file is malformed
  'FORBIDDEN', // the caller is not allowed (wrong sender, bad token)
  'INTERNAL' // a bug: anything not foreseen
] as const
export type ErrorCode = (typeof errorCodes)[number]

/** Thrown by services; the doors turn it into an ApiErrorShape unchanged. */
export class ApiError extends Error implements ApiErrorShape {
  readonly code: ErrorCode
  readonly details?: unknown

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.details = details
  }

  toJSON(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export function isApiErrorShape(value: unknown): value is ApiErrorShape {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.code === 'string' && typeof v.message === 'string'
}

/** Any thrown value as the shared shape; unforeseen errors become INTERNAL with their message. */
export function toApiError(err: unknown): ApiErrorShape {
  if (err instanceof ApiError) return err.toJSON()
  if (isApiErrorShape(err) && (errorCodes as readonly string[]).includes(err.code)) return err
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'INTERNAL', message }
}
