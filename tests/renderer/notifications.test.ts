// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, test } from 'vitest'
import type { DescentBridge } from '../../src/contract/bridge'
import { ApiError } from '../../src/contract/errors'
import { reportingErrors, wasReported } from '../../src/renderer/api/reporting'
import { useNotificationsStore } from '../../src/renderer/stores/notifications'

beforeEach(() => {
  setActivePinia(createPinia())
})

/** A bridge whose calls settle as the test says; no events. */
function bridgeThat(settle: (name: string) => Promise<unknown>): DescentBridge {
  return {
    call: (name) => settle(name) as never,
    on: () => () => {}
  }
}

describe('notifications store', () => {
  test('adds notices with distinct ids and dismisses them one by one or all at once', () => {
    const notifications = useNotificationsStore()
    const a = notifications.add({ code: 'NOT_FOUND', message: 'no run 7' })
    const b = notifications.add({
      code: 'CONFLICT',
      message: 'already done',
      context: 'runs.resume'
    })
    const c = notifications.add({ code: 'INTERNAL', message: 'boom' })
    expect(new Set([a, b, c]).size).toBe(3)
    expect(notifications.notices.map((n) => n.message)).toEqual([
      'no run 7',
      'already done',
      'boom'
    ])

    notifications.dismiss(b)
    expect(notifications.notices.map((n) => n.id)).toEqual([a, c])
    notifications.dismiss(b)
    expect(notifications.notices).toHaveLength(2)

    notifications.dismissAll()
    expect(notifications.notices).toEqual([])
  })

  test('turns any error into code, message and details', () => {
    const notifications = useNotificationsStore()
    notifications.addError(new ApiError('BAD_INPUT', 'epochs must be positive', { path: 'epochs' }))
    notifications.addError({ code: 'FORBIDDEN', message: 'bad token' }, 'app.info')
    notifications.addError(new TypeError('x is undefined'))
    notifications.addError('plain string')

    expect(
      notifications.notices.map(({ code, message, details, context }) => ({
        code,
        message,
        details,
        context
      }))
    ).toEqual([
      {
        code: 'BAD_INPUT',
        message: 'epochs must be positive',
        details: { path: 'epochs' },
        context: undefined
      },
      { code: 'FORBIDDEN', message: 'bad token', details: undefined, context: 'app.info' },
      { code: 'INTERNAL', message: 'x is undefined', details: undefined, context: undefined },
      { code: 'INTERNAL', message: 'plain string', details: undefined, context: undefined }
    ])
  })
})

describe('reportingErrors', () => {
  test('a rejected call becomes a notice naming the call, and still rejects with the error shape', async () => {
    const notifications = useNotificationsStore()
    const error = { code: 'NOT_FOUND', message: 'no such model', details: { id: 3 } }
    const bridge = reportingErrors(
      bridgeThat(() => Promise.reject(error)),
      (e, call) => notifications.addError(e, call)
    )

    const rejection = await bridge.call('app.info', {}).catch((e: unknown) => e)
    expect(rejection).toEqual(error)
    expect(wasReported(rejection)).toBe(true)
    expect(notifications.notices).toMatchObject([
      { code: 'NOT_FOUND', message: 'no such model', details: { id: 3 }, context: 'app.info' }
    ])
  })

  test('whatever a bridge rejects with (an Error from IPC, say) arrives as the error shape', async () => {
    const notifications = useNotificationsStore()
    const bridge = reportingErrors(
      bridgeThat(() => Promise.reject(new Error('IPC went away'))),
      (e, call) => notifications.addError(e, call)
    )
    await expect(bridge.call('app.ping', {})).rejects.toEqual({
      code: 'INTERNAL',
      message: 'IPC went away'
    })
    expect(notifications.notices).toMatchObject([{ code: 'INTERNAL', context: 'app.ping' }])
  })

  test('successful calls pass their result through and add nothing', async () => {
    const notifications = useNotificationsStore()
    const bridge = reportingErrors(
      bridgeThat(async (name) => `answer to ${name}`),
      (e, call) => notifications.addError(e, call)
    )
    await expect(bridge.call('app.ping', {})).resolves.toBe('answer to app.ping')
    expect(notifications.notices).toEqual([])
    expect(wasReported(new Error('never reported'))).toBe(false)
  })
})
