import type { RunEpochEvent, RunProgressEvent, RunStatusEvent } from '../../contract'

/** What a Runner hands its training worker. */
export interface WorkerData {
  databasePath: string
  /** Where imported data sets live. */
  dataFolder: string
  runId: number
  /** Over a SharedArrayBuffer: see control.ts. */
  control: Int32Array
  /** Threads for the kernels (the worker's own included). */
  threads: number
  /** The built WebAssembly kernels; the TypeScript reference kernels when they are missing. */
  wasmDir: string
  /** The better-sqlite3 binary the main process uses (Electron's ABI), if not the default. */
  nativeBinding?: string
}

/** What a worker posts back; the Runner re-emits each as the event of the same name. */
export type WorkerMessage =
  | { type: 'run.progress'; payload: RunProgressEvent }
  | { type: 'run.epoch'; payload: RunEpochEvent }
  | { type: 'run.status'; payload: RunStatusEvent }
