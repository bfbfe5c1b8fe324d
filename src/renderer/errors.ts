import { toApiError } from '../contract/errors'
import { wasReported } from './api/reporting'
import type { Notice } from './stores/notifications'

/** A notice for an error nobody foresaw: its message up front; where, and the stack, in details. */
export function unexpectedNotice(err: unknown, where: string): Omit<Notice, 'id'> {
  const { code, message } = toApiError(err)
  const stack = err instanceof Error && err.stack ? `\n${err.stack}` : ''
  return { code, message, context: 'Unexpected error', details: `${where}${stack}` }
}

type GlobalErrorTarget = Pick<Window, 'addEventListener' | 'removeEventListener'>

/**
 * Errors that escape everything else (uncaught exceptions, unhandled rejections) go to `report`.
 * A rejected API call was shown already, so its unhandled rejection is only silenced.
 * Returns the function that removes the listeners.
 */
export function catchGlobalErrors(
  target: GlobalErrorTarget,
  report: (err: unknown, where: string) => void
): () => void {
  const onError = (event: ErrorEvent): void => {
    report(event.error ?? event.message, 'uncaught exception')
  }
  const onRejection = (event: PromiseRejectionEvent): void => {
    if (wasReported(event.reason)) {
      event.preventDefault()
      return
    }
    report(event.reason, 'unhandled promise rejection')
  }
  target.addEventListener('error', onError)
  target.addEventListener('unhandledrejection', onRejection)
  return () => {
    target.removeEventListener('error', onError)
    target.removeEventListener('unhandledrejection', onRejection)
  }
}
