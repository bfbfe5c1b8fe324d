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

export const appTrainingInput = z.object({}).strict()

/** How training runs share this machine's cores (app.training, app.setTraining). */
export interface TrainingSettings {
  /** Cores the runs share. */
  cores: number
  /** Runs that train at once; others wait in the queue. */
  concurrency: number
  /** Threads per run as set; null: automatic, the cores shared evenly by the runs at once. */
  threads: number | null
  /** Threads a run started now gets. Runs already training keep theirs. */
  threadsPerRun: number
  /** Kernels a run started now trains with, e.g. "wasm-relaxed-simd ×2 threads". */
  engineBackend: string
}

/**
 * Changes how runs share the cores, for runs that start afterwards. Omitted fields stay as they
 * are; `threads: null` goes back to automatic. Runs at once × threads per run must fit the cores.
 */
export const appSetTrainingInput = z
  .object({
    concurrency: z.number().int().min(1).max(256).optional(),
    threads: z.number().int().min(1).max(256).nullable().optional()
  })
  .strict()
