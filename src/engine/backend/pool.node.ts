import { Worker } from 'node:worker_threads'
import type { WasmMemory, WasmModule } from '../wasm/api'
import type { GemmBlock } from '../wasm/split'
import type { GemmJob, GemmTeam } from './wasm-gemm'

/**
 * The worker_threads pool behind parallel gemm (Node only). Helpers share the kernels' memory
 * and compiled module; a job travels through a small shared Int32Array, never a message.
 *
 * The caller makes SEQ odd, writes the job and its shares, makes SEQ even again and notifies.
 * Every thread then claims shares by compare-and-swap on NEXT, computes them and counts them
 * in DONE; the caller waits for DONE to reach the share count. NEXT only ever grows: a job's
 * shares are the NEXT values [BASE, BASE + COUNT). A helper reads BASE and COUNT between two
 * equal even readings of SEQ (a seqlock), so a helper that wakes after its job is over sees
 * the next job's range, or an exhausted one, never a mix; once its claim succeeds the job
 * cannot end (or change) before the helper reports the share done.
 */

// Control block layout (Int32 slots).
const SEQ = 0
const DONE = 1
const STOP = 2
const FAILED = 3
const NEXT = 4
const BASE = 5
const COUNT = 6
const JOB = 7 // transA, transB, m, n, k, a, b, c, accumulate
const SHARES = 16 // per share: i0, i1, j0, j1
const SHARE_SLOTS = 4
// After the shares (one per thread): each helper's scratch offset.

const DEFAULT_SPIN_MICROSECONDS = 50
const spinMs = (options: GemmPoolOptions): number =>
  (options.spinMicroseconds ?? DEFAULT_SPIN_MICROSECONDS) / 1000

/** Runs in each helper (plain JavaScript: evaluated, so there is no worker file to bundle). */
const HELPER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const { module, memory, control: c, scratchSlot, spinMs } = workerData
const { gemm } = new WebAssembly.Instance(module, { env: { memory } }).exports
let seen = Atomics.load(c, ${SEQ})
parentPort.postMessage('ready')
for (;;) {
  const until = performance.now() + spinMs
  while (Atomics.load(c, ${SEQ}) === seen && performance.now() < until);
  Atomics.wait(c, ${SEQ}, seen)
  const seq = Atomics.load(c, ${SEQ})
  if (Atomics.load(c, ${STOP}) !== 0) break
  const base = Atomics.load(c, ${BASE})
  const end = base + Atomics.load(c, ${COUNT})
  // Unchanged, being written, or rewritten while we read: look again.
  if (seq === seen || (seq & 1) !== 0 || Atomics.load(c, ${SEQ}) !== seq) continue
  seen = seq
  for (let next = Atomics.load(c, ${NEXT}); next < end; next = Atomics.load(c, ${NEXT})) {
    if (Atomics.compareExchange(c, ${NEXT}, next, next + 1) !== next) continue
    const s = ${SHARES} + ${SHARE_SLOTS} * (next - base)
    const j = ${JOB}
    try {
      gemm(c[j], c[j + 1], c[j + 2], c[j + 3], c[j + 4], c[j + 5], c[j + 6], c[j + 7], c[j + 8],
        c[s], c[s + 1], c[s + 2], c[s + 3], c[scratchSlot])
    } catch (error) {
      Atomics.store(c, ${FAILED}, 1)
      parentPort.postMessage(String(error))
    }
    Atomics.add(c, ${DONE}, 1)
    Atomics.notify(c, ${DONE})
  }
}
`

export interface GemmPoolOptions {
  module: WasmModule
  /** The shared memory the caller's kernels use. */
  memory: WasmMemory
  /** Worker threads to start (the calling thread makes one more). */
  helpers: number
  /**
   * Microseconds a thread polls the control block before it sleeps in Atomics.wait. Products
   * come in quick succession in a training step, and waking a sleeping thread is slow here
   * (on these virtual machines an idle core takes a few hundred microseconds to wake).
   */
  spinMicroseconds?: number
}

export class GemmPool implements GemmTeam {
  readonly helpers: number
  private readonly control: Int32Array
  private readonly workers: Worker[]
  private readonly exited: Promise<unknown>[]
  private readonly spinMs: number
  private readonly scratchSlots: number
  private failure: string | null = null

  private constructor(
    control: Int32Array,
    workers: Worker[],
    exited: Promise<unknown>[],
    spinMs: number
  ) {
    this.control = control
    this.workers = workers
    this.exited = exited
    this.spinMs = spinMs
    this.helpers = workers.length
    this.scratchSlots = SHARES + SHARE_SLOTS * (workers.length + 1)
    for (const worker of workers) {
      worker.on('message', (message) => {
        if (message !== 'ready') this.failure = String(message)
      })
      worker.on('error', (error) => {
        this.failure = String(error)
      })
    }
  }

  /** Starts the helpers and resolves once each has instantiated the kernels. */
  static async start(options: GemmPoolOptions): Promise<GemmPool> {
    const threads = options.helpers + 1
    const scratchSlots = SHARES + SHARE_SLOTS * threads
    const control = new Int32Array(new SharedArrayBuffer(4 * (scratchSlots + options.helpers)))
    const workers = Array.from({ length: options.helpers }, (_, h) => {
      const workerData = {
        module: options.module,
        memory: options.memory,
        control,
        scratchSlot: scratchSlots + h,
        spinMs: spinMs(options)
      }
      return new Worker(HELPER_SOURCE, { eval: true, workerData })
    })
    const exited = workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve)))
    try {
      await Promise.all(workers.map(ready))
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()))
      throw error
    }
    const pool = new GemmPool(control, workers, exited, spinMs(options))
    // Idle helpers must not keep the process alive (unref after adding listeners, which ref).
    for (const worker of workers) worker.unref()
    return pool
  }

  start(job: GemmJob, shares: readonly GemmBlock[], scratch: readonly number[]): void {
    const c = this.control
    if (c[STOP] !== 0) throw new Error('GemmPool: the pool is closed')
    if (shares.length > this.helpers + 1) throw new Error('GemmPool: more shares than threads')
    Atomics.add(c, SEQ, 1) // odd: the job is being written
    c[JOB] = +job.transA
    c[JOB + 1] = +job.transB
    c[JOB + 2] = job.m
    c[JOB + 3] = job.n
    c[JOB + 4] = job.k
    c[JOB + 5] = job.a
    c[JOB + 6] = job.b
    c[JOB + 7] = job.c
    c[JOB + 8] = +job.accumulate
    shares.forEach((share, s) => {
      const at = SHARES + SHARE_SLOTS * s
      c[at] = share.i0
      c[at + 1] = share.i1
      c[at + 2] = share.j0
      c[at + 3] = share.j1
    })
    for (let h = 0; h < this.helpers; h++) c[this.scratchSlots + h] = scratch[h]
    Atomics.store(c, BASE, Atomics.load(c, NEXT))
    Atomics.store(c, COUNT, shares.length)
    Atomics.store(c, DONE, 0)
    // Even again: the seq-cst add publishes the writes above (and the operands) to helpers.
    Atomics.add(c, SEQ, 1)
    Atomics.notify(c, SEQ)
  }

  claim(): number {
    const c = this.control
    const base = c[BASE]
    const end = base + c[COUNT]
    for (let next = Atomics.load(c, NEXT); next < end; next = Atomics.load(c, NEXT)) {
      if (Atomics.compareExchange(c, NEXT, next, next + 1) === next) return next - base
    }
    return -1
  }

  done(): void {
    Atomics.add(this.control, DONE, 1)
  }

  finish(): void {
    const c = this.control
    const count = c[COUNT]
    const until = performance.now() + this.spinMs
    while (Atomics.load(c, DONE) < count && performance.now() < until);
    for (let done = Atomics.load(c, DONE); done < count; done = Atomics.load(c, DONE)) {
      Atomics.wait(c, DONE, done)
    }
    if (Atomics.load(c, FAILED) !== 0) {
      Atomics.store(c, FAILED, 0)
      throw new Error(`GemmPool: a helper thread failed${this.failure ? `: ${this.failure}` : ''}`)
    }
  }

  /** Tells the helpers to leave their loop and waits until every one has exited. */
  async close(): Promise<void> {
    // Referenced again, the helpers keep the process alive until they have exited.
    for (const worker of this.workers) worker.ref()
    const c = this.control
    if (Atomics.load(c, STOP) === 0) {
      Atomics.store(c, STOP, 1)
      Atomics.add(c, SEQ, 2)
      Atomics.notify(c, SEQ)
    }
    await Promise.all(this.exited)
  }
}

function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve())
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`GemmPool: a helper exited (code ${code})`)))
  })
}
