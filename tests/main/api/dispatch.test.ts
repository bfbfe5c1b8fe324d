import { afterEach, describe, expect, it } from 'vitest'
import { ApiError, callNames } from '../../../src/contract'
import { createDispatch, createHandlers, type HandlerTable } from '../../../src/main/api/handlers'
import { rejection, tempContext } from '../test-context'

let cleanup = (): void => {}
afterEach(() => cleanup())

function dispatchWith(overrides: Partial<HandlerTable> = {}) {
  const t = tempContext()
  cleanup = t.cleanup
  return { ctx: t.ctx, dispatch: createDispatch({ ...createHandlers(t.ctx), ...overrides }) }
}

describe('dispatch', () => {
  it('has a handler for every call of the contract', () => {
    const t = tempContext()
    cleanup = t.cleanup
    expect(Object.keys(createHandlers(t.ctx)).sort()).toEqual([...callNames].sort())
  })

  it('answers app.ping and app.info', async () => {
    const { ctx, dispatch } = dispatchWith()
    expect(await dispatch('app.ping', { echo: 'hi' })).toMatchObject({ pong: true, echo: 'hi' })
    const info = (await dispatch('app.info', {})) as Record<string, unknown>
    expect(info).toMatchObject({
      name: 'Descent',
      runtime: 'node',
      dataFolder: ctx.dataFolder,
      databasePath: ctx.databasePath
    })
    expect(typeof info.engineBackend).toBe('string')
  })

  it('refuses an unknown call', async () => {
    const { dispatch } = dispatchWith()
    const err = await rejection(dispatch('app.nope', {}))
    expect(err).toBeInstanceOf(ApiError)
    expect(err.toJSON()).toEqual({ code: 'UNKNOWN_CALL', message: 'No API call named "app.nope"' })
  })

  it('refuses input that does not match the schema, naming the field', async () => {
    const { dispatch } = dispatchWith()
    const wrongType = await rejection(dispatch('app.ping', { echo: 42 }))
    expect(wrongType.code).toBe('BAD_INPUT')
    expect(wrongType.message).toMatch(/echo/)
    const extra = await rejection(dispatch('app.info', { sneaky: true }))
    expect(extra.code).toBe('BAD_INPUT')
    expect(extra.message).toMatch(/sneaky/)
  })

  it('turns an unforeseen failure into INTERNAL and keeps ApiErrors as they are', async () => {
    const boom = dispatchWith({
      'app.ping': () => {
        throw new TypeError('kaboom')
      }
    })
    expect((await rejection(boom.dispatch('app.ping', {}))).toJSON()).toEqual({
      code: 'INTERNAL',
      message: 'kaboom'
    })
    cleanup()
    const typed = dispatchWith({
      'app.ping': () => {
        throw new ApiError('NOT_FOUND', 'no such run', { id: 3 })
      }
    })
    expect((await rejection(typed.dispatch('app.ping', {}))).toJSON()).toEqual({
      code: 'NOT_FOUND',
      message: 'no such run',
      details: { id: 3 }
    })
  })
})
