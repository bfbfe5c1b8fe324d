import { z } from 'zod'

/** The `app` family: who is answering and where its data lives. */
export const appPingInput = z.object({ echo: z.string().max(10_000).optional() }).strict()

export interface AppPingOutput {
  pong: true
  echo?: string
  /** Server time (ms since epoch), to show a round trip really happened. */
  time: number
}

export const appInfoInput = z.object({}).strict()

export interface AppInfoOutput {
  name: string
  version: string
  /** Which door answers: the Electron main process or the local web host / CLI under Node. */
  runtime: 'electron' | 'node'
  /** Kernel backend in use, e.g. "js", "wasm-simd ×2 threads". */
  engineBackend: string
  threads: number
  dataFolder: string
  databasePath: string
  nodeVersion: string
  platform: string
}
