import type { DescentBridge } from '../../contract/bridge'
import type { CallName } from '../../contract/calls'
import { toApiError, type ApiErrorShape } from '../../contract/errors'

const reported = new WeakSet<object>()

/**
 * The same bridge, but every failed call rejects with the one error shape and is first handed to
 * `report`, so no failure goes unseen even when the caller only cleans up after it.
 */
export function reportingErrors(
  bridge: DescentBridge,
  report: (error: ApiErrorShape, call: CallName) => void
): DescentBridge {
  return {
    call: (name, input) =>
      bridge.call(name, input).catch((err: unknown) => {
        const error = { ...toApiError(err) }
        reported.add(error)
        report(error, name)
        throw error
      }),
    on: (event, handler) => bridge.on(event, handler)
  }
}

/** True for a rejection reportingErrors already reported, so global handlers do not repeat it. */
export function wasReported(value: unknown): boolean {
  return typeof value === 'object' && value !== null && reported.has(value)
}
