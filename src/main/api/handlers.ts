import {
  toApiError,
  validateCall,
  ApiError,
  type CallName,
  type CallOutput,
  type ParsedInput
} from '../../contract'
import type { AppContext } from '../context'
import { appHandlers } from '../services/app-service'
import { datasetsHandlers } from '../services/datasets-service'
import { experimentsHandlers } from '../services/experiments-service'
import { modelsHandlers } from '../services/models-service'
import { runsHandlers } from '../services/runs-service'

/** One handler per contract call; TypeScript refuses a table that misses one. */
export type HandlerTable = {
  [N in CallName]: (input: ParsedInput<N>) => CallOutput<N> | Promise<CallOutput<N>>
}

export function createHandlers(ctx: AppContext): HandlerTable {
  return {
    ...appHandlers(ctx),
    ...runsHandlers(ctx),
    ...experimentsHandlers(ctx),
    ...modelsHandlers(ctx),
    ...datasetsHandlers(ctx)
  }
}

/**
 * The single entry every door calls: validates the input against the contract, runs the
 * handler, and turns any failure into the shared error shape (thrown as ApiError).
 */
export type Dispatch = (name: unknown, input: unknown) => Promise<unknown>

export function createDispatch(handlers: HandlerTable): Dispatch {
  return async (name, input) => {
    const call = validateCall(name, input)
    const handler = handlers[call.name] as (input: unknown) => unknown
    try {
      return await handler(call.input)
    } catch (err) {
      if (err instanceof ApiError) throw err
      const shape = toApiError(err)
      throw new ApiError(shape.code, shape.message, shape.details)
    }
  }
}
