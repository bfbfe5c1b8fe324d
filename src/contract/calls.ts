import type { z } from 'zod'
import {
  appInfoInput,
  appPingInput,
  appSetTrainingInput,
  appTrainingInput,
  type AppInfoOutput,
  type AppPingOutput,
  type TrainingSettings
} from './app'
import { call } from './define'
import { datasetsCalls } from './datasets'
import { experimentsCalls } from './experiments'
import { modelsCalls } from './models'
import { runsCalls } from './runs'

/**
 * The API table: every call's name, its input schema (validated at each door) and its output type.
 * Each family keeps its rows in its own file; the doors and the client are generated from this table.
 */
export const calls = {
  'app.ping': call<typeof appPingInput, AppPingOutput>(appPingInput),
  'app.info': call<typeof appInfoInput, AppInfoOutput>(appInfoInput),
  'app.training': call<typeof appTrainingInput, TrainingSettings>(appTrainingInput),
  'app.setTraining': call<typeof appSetTrainingInput, TrainingSettings>(appSetTrainingInput),
  ...runsCalls,
  ...experimentsCalls,
  ...modelsCalls,
  ...datasetsCalls
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
