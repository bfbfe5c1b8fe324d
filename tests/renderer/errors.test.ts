// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest'
import type { DescentBridge } from '../../src/contract/bridge'
import { reportingErrors } from '../../src/renderer/api/reporting'
import { catchGlobalErrors, unexpectedNotice } from '../../src/renderer/errors'

/** happy-dom has no PromiseRejectionEvent; an Event carrying `reason` is what the handler reads. */
function rejectionEvent(reason: unknown): Event {
  return Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason })
}

describe('unexpectedNotice', () => {
  test('keeps the message up front and where it happened, with the stack, in details', () => {
    const err = new RangeError('index 9 out of range')
    const notice = unexpectedNotice(err, 'render function')
    expect(notice).toMatchObject({
      code: 'INTERNAL',
      message: 'index 9 out of range',
      context: 'Unexpected error'
    })
    expect(notice.details).toBe(`render function\n${err.stack}`)
  })
})

describe('catchGlobalErrors', () => {
  test('reports uncaught exceptions and unhandled rejections until removed', () => {
    const target = new EventTarget()
    const report = vi.fn()
    const remove = catchGlobalErrors(target as Window, report)
    const thrown = new Error('uncaught')

    target.dispatchEvent(new ErrorEvent('error', { error: thrown, message: 'uncaught' }))
    target.dispatchEvent(rejectionEvent('no catch'))
    expect(report.mock.calls).toEqual([
      [thrown, 'uncaught exception'],
      ['no catch', 'unhandled promise rejection']
    ])

    remove()
    target.dispatchEvent(rejectionEvent('after removal'))
    expect(report).toHaveBeenCalledTimes(2)
  })

  test('a rejected API call nobody caught is not reported a second time', async () => {
    const target = new EventTarget()
    const report = vi.fn()
    catchGlobalErrors(target as Window, report)
    const failing: DescentBridge = {
      call: () => Promise.reject({ code: 'NOT_FOUND', message: 'gone' }),
      on: () => () => {}
    }
    const rejection = await reportingErrors(failing, () => {})
      .call('app.info', {})
      .catch((e: unknown) => e)

    const event = rejectionEvent(rejection)
    target.dispatchEvent(event)
    expect(report).not.toHaveBeenCalled()
    expect(event.defaultPrevented).toBe(true)
  })
})
