import type { z } from 'zod'
import { appInfoInput, appPingInput, type AppInfoOutput, type AppPingOutput } from './app'

/**
 * The API table: every call's name, its input schema (validated at each door) and its output type.
 * Later families add their rows here; the doors and the client are generated from this table.
 */
function call<I extends z.ZodType, O>(input: I): { input: I; output: O } {
  return { input, output: undefined as unknown as O }
}

export const calls = {
  'app.ping': call<typeof appPingInput, AppPingOutput>(appPingInput),
  'app.info': call<typeof appInfoInput, AppInfoOutput>(appInfoInput)
} as const

export type Calls = typeof calls
export type CallName = keyof Calls
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>
export type ParsedInput<N extends CallName> = z.output<Calls[N]['input']>
export type CallOutput<N extends CallName> = Calls[N]['output']

export const callNames = Object.keys(calls) as CallName[]

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name)
}
