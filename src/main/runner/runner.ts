/**
 * The job queue of one process: queued runs wait here, and each started run trains in its own
 * worker thread (never on this thread), `concurrency` at a time. Workers talk back by message
 * (re-emitted as run.* events) and are steered through a shared control block.
 */
import type { Database } from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { activeRunStatuses, type EventPayload } from '../../contract'
import { describeNodeBackend } from '../../engine/backend/wasm.node'
import type { EventBus } from '../api/event-bus'
import { heldRuns, markInterrupted, updateRun } from '../store/runs-table'
import { createControl, PAUSE, setFlag, STOP } from './control'
import type { WorkerData, WorkerMessage } from './messages'
import { isOrphaned, isProcessAlive } from './recovery'

/** Queued runs' heartbeat, so that other processes' recovery sees their queue is alive. */
const QUEUE_HEARTBEAT_MS = 5000

export interface RunnerOptions {
  db: Database
  databasePath: string
  dataFolder: string
  events: EventBus
  /** The built worker script (out/main/train-worker.js). */
  workerPath: string
  /** The built WebAssembly kernels (resources/wasm). */
  wasmDir: string
  /** Training jobs at once, read whenever a slot frees. Default 1: one job using every core. */
  concurrency?: () => number
  /** Threads a job gets, read when one starts. Default (undefined): the cores ÷ concurrency. */
  threads?: () => number | undefined
  /** Cores shared among the jobs. Default: the machine's. */
  cores?: number
  nativeBinding?: string
  isAlive?: (pid: number) => boolean
  now?: () => number
}

interface Job {
  worker: Worker
  control: Int32Array
  exited: Promise<void>
}

export class Runner {
  private readonly queue: number[] = []
  private readonly jobs = new Map<number, Job>()
  private queueBeat: NodeJS.Timeout | null = null
  private closing = false

  constructor(private readonly options: RunnerOptions) {}

  get concurrency(): number {
    return Math.max(1, Math.floor(this.options.concurrency?.() ?? 1))
  }

  /** Cores the jobs share. */
  get cores(): number {
    return this.options.cores ?? availableParallelism()
  }

  /** Threads a job started now gets: as set, else its even share of the cores. */
  get threadsPerJob(): number {
    const threads = this.options.threads?.()
    if (threads !== undefined) return Math.max(1, Math.floor(threads))
    return Math.max(1, Math.floor(this.cores / this.concurrency))
  }

  /** The kernels a job started now trains with, as app.info reports them. */
  kernelBackend(): { name: string; threads: number } {
    return describeNodeBackend({ threads: this.threadsPerJob, wasmDir: this.options.wasmDir })
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }

  /** Takes a run whose row is queued and held by this process; it starts when a slot frees. */
  enqueue(runId: number): void {
    if (this.holds(runId)) return
    this.queue.push(runId)
    this.pump()
    this.beatQueue()
  }

  /** Whether this process holds the run (waiting in the queue or training). */
  holds(runId: number): boolean {
    return this.queue.includes(runId) || this.jobs.has(runId)
  }

  /** Takes a run that has not started out of the queue; false when it is not waiting here. */
  dequeue(runId: number): boolean {
    const at = this.queue.indexOf(runId)
    if (at < 0) return false
    this.queue.splice(at, 1)
    this.beatQueue()
    return true
  }

  /** Raises or lowers a flag of a run training here (no-op for other runs). */
  signal(runId: number, flag: 'stop' | 'pause', on: boolean): void {
    const job = this.jobs.get(runId)
    if (job) setFlag(job.control, flag === 'stop' ? STOP : PAUSE, on)
  }

  /** Resolves once this process no longer holds the run (its worker has exited). */
  async settled(runId: number): Promise<void> {
    while (this.holds(runId)) {
      const job = this.jobs.get(runId)
      if (job) await job.exited
      else await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  /**
   * Marks interrupted every queued, running or paused run that no live runner holds (see
   * recovery.ts); returns their ids. Every door calls this when it starts.
   */
  recover(): number[] {
    const now = this.now()
    const isAlive = this.options.isAlive ?? isProcessAlive
    const orphans = heldRuns(this.options.db).filter(
      (run) => !this.holds(run.id) && isOrphaned(run, now, isAlive)
    )
    const marked = orphans.filter((run) => markInterrupted(this.options.db, run)).map((r) => r.id)
    for (const id of marked) this.options.events.emit('run.status', { id, status: 'interrupted' })
    return marked
  }

  /**
   * Stops every run of this process: waiting ones are marked interrupted (resumable), training
   * ones are asked to stop and given `graceMs` to write their final state.
   */
  async shutdown(graceMs = 10_000): Promise<void> {
    this.closing = true
    for (const runId of this.queue.splice(0)) this.interrupt(runId)
    this.beatQueue()
    const jobs = [...this.jobs.entries()]
    for (const [, job] of jobs) setFlag(job.control, STOP, true)
    const timer = setTimeout(() => jobs.forEach(([, job]) => void job.worker.terminate()), graceMs)
    await Promise.all(jobs.map(([, job]) => job.exited))
    clearTimeout(timer)
  }

  private pump(): void {
    while (!this.closing && this.jobs.size < this.concurrency && this.queue.length > 0) {
      this.start(this.queue.shift()!)
    }
    this.beatQueue()
  }

  private start(runId: number): void {
    const { workerPath } = this.options
    if (!existsSync(workerPath)) {
      this.fail(
        runId,
        `the training worker is not built (${workerPath} is missing): run npm run build`
      )
      return
    }
    const control = createControl()
    const workerData: WorkerData = {
      databasePath: this.options.databasePath,
      dataFolder: this.options.dataFolder,
      runId,
      control,
      threads: this.threadsPerJob,
      wasmDir: this.options.wasmDir,
      nativeBinding: this.options.nativeBinding
    }
    const worker = new Worker(workerPath, { workerData })
    let failure: string | null = null
    worker.on('message', (message: WorkerMessage) => this.relay(message))
    worker.on('error', (err) => (failure = err.message))
    const exited = new Promise<void>((resolve) =>
      worker.on('exit', (code) => {
        this.jobs.delete(runId)
        if (this.closing) this.interrupt(runId)
        else this.fail(runId, failure ?? `the training worker exited unexpectedly (code ${code})`)
        resolve()
        this.pump()
      })
    )
    this.jobs.set(runId, { worker, control, exited })
  }

  private relay<E extends WorkerMessage['type']>(message: {
    type: E
    payload: EventPayload<E>
  }): void {
    this.options.events.emit(message.type, message.payload)
  }

  /** A run whose worker ended without writing an outcome (a crash, a missing build) failed. */
  private fail(runId: number, error: string): void {
    const changes = { status: 'failed', error, finishedAt: this.now() } as const
    if (updateRun(this.options.db, runId, changes, activeRunStatuses)) {
      this.options.events.emit('run.status', { id: runId, status: 'failed', error })
    }
  }

  private interrupt(runId: number): void {
    const changes = { status: 'interrupted', ownerPid: null } as const
    if (updateRun(this.options.db, runId, changes, activeRunStatuses)) {
      this.options.events.emit('run.status', { id: runId, status: 'interrupted' })
    }
  }

  /** Keeps the queued runs' heartbeat fresh while any wait here. */
  private beatQueue(): void {
    if (this.queue.length > 0 && !this.queueBeat) {
      this.queueBeat = setInterval(() => {
        const now = this.now()
        for (const id of this.queue)
          updateRun(this.options.db, id, { heartbeatAt: now }, ['queued'])
      }, QUEUE_HEARTBEAT_MS)
      this.queueBeat.unref()
    } else if (this.queue.length === 0 && this.queueBeat) {
      clearInterval(this.queueBeat)
      this.queueBeat = null
    }
  }
}
