import { Worker } from 'node:worker_threads'
import type { WasmMemory, WasmModule } from '../wasm/api'
import type { GemmBlock } from '../wasm/split'
import { ELEMENTWISE_KERNELS, GEMM_KERNEL, JOB_ARGS, type Team, type TeamJob } from './team'

/**
 * The worker_threads pool behind parallel kernels (Node only). Helpers share the kernels'
 * memory and compiled module; a job travels through a small shared block, never a message.
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
const KERNEL = 7 // GEMM_KERNEL, or k + 1 for ELEMENTWISE_KERNELS[k]
const POINTERS = 8 // elementwise: how many leading arguments are pointers
const SHARES = 16 // per share: i0, i1, j0, j1
const SHARE_SLOTS = 4
// After the shares (one per thread): each helper's scratch offset. The job's arguments are in
// a Float64Array of their own (they include non-integer scalars).

const DEFAULT_SPIN_MICROSECONDS = 1000
const spinMs = (options: KernelPoolOptions): number =>
  (options.spinMicroseconds ?? DEFAULT_SPIN_MICROSECONDS) / 1000

/** Runs in each helper (plain JavaScript: evaluated, so there is no worker file to bundle). */
const HELPER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const { module, memory, control: c, args: a, names, scratchSlot, spinMs } = workerData
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports
const gemm = exports.gemm
const kernels = [gemm, ...names.map((name) => exports[name])]
// An elementwise share's argument i: pointers move to the share's first value.
const at = (i, pointers, offset) => (i < pointers && a[i] !== 0 ? a[i] + offset : a[i])
function elementwise(kernel, pointers, from, to) {
  const o = 4 * from
  kernel(to - from, at(0, pointers, o), at(1, pointers, o), at(2, pointers, o),
    at(3, pointers, o), at(4, pointers, o), at(5, pointers, o), at(6, pointers, o),
    at(7, pointers, o), at(8, pointers, o), at(9, pointers, o), at(10, pointers, o))
}
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
  const kernel = Atomics.load(c, ${KERNEL})
  const pointers = Atomics.load(c, ${POINTERS})
  // Unchanged, being written, or rewritten while we read: look again.
  if (seq === seen || (seq & 1) !== 0 || Atomics.load(c, ${SEQ}) !== seq) continue
  seen = seq
  for (let next = Atomics.load(c, ${NEXT}); next < end; next = Atomics.load(c, ${NEXT})) {
    if (Atomics.compareExchange(c, ${NEXT}, next, next + 1) !== next) continue
    const s = ${SHARES} + ${SHARE_SLOTS} * (next - base)
    try {
      if (kernel === ${GEMM_KERNEL}) {
        gemm(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
          c[s], c[s + 1], c[s + 2], c[s + 3], c[scratchSlot])
      } else {
        elementwise(kernels[kernel], pointers, c[s], c[s + 1])
      }
    } catch (error) {
      Atomics.store(c, ${FAILED}, 1)
      parentPort.postMessage(String(error))
    }
    Atomics.add(c, ${DONE}, 1)
    Atomics.notify(c, ${DONE})
  }
}
`

export interface KernelPoolOptions {
  module: WasmModule
  /** The shared memory the caller's kernels use. */
  memory: WasmMemory
  /** Worker threads to start (the calling thread makes one more). */
  helpers: number
  /**
   * Microseconds a thread polls the control block before it sleeps in Atomics.wait (default
   * 1000). Jobs come in quick succession in a training step, and waking a sleeping thread is
   * slow here (on these virtual machines an idle core takes a few hundred microseconds to
   * wake): long enough a spin keeps the helpers awake through a whole step.
   */
  spinMicroseconds?: number
}

export class KernelPool implements Team {
  readonly helpers: number
  private readonly control: Int32Array
  private readonly args: Float64Array
  private readonly workers: Worker[]
  private readonly exited: Promise<unknown>[]
  /** Polls of the control block finish() makes before it sleeps (about the spin time). */
  private readonly spinPolls: number
  private readonly scratchSlots: number
  private failure: string | null = null

  private constructor(
    control: Int32Array,
    args: Float64Array,
    workers: Worker[],
    exited: Promise<unknown>[],
    spinMs: number
  ) {
    this.control = control
    this.args = args
    this.workers = workers
    this.exited = exited
    this.spinPolls = pollsIn(control, spinMs)
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
  static async start(options: KernelPoolOptions): Promise<KernelPool> {
    const threads = options.helpers + 1
    const scratchSlots = SHARES + SHARE_SLOTS * threads
    const control = new Int32Array(new SharedArrayBuffer(4 * (scratchSlots + options.helpers)))
    const args = new Float64Array(new SharedArrayBuffer(8 * JOB_ARGS))
    const workers = Array.from({ length: options.helpers }, (_, h) => {
      const workerData = {
        module: options.module,
        memory: options.memory,
        control,
        args,
        names: ELEMENTWISE_KERNELS,
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
    const pool = new KernelPool(control, args, workers, exited, spinMs(options))
    // Idle helpers must not keep the process alive (unref after adding listeners, which ref).
    for (const worker of workers) worker.unref()
    return pool
  }

  start(job: TeamJob, shares: readonly GemmBlock[], scratch?: readonly number[]): void {
    const c = this.control
    if (c[STOP] !== 0) throw new Error('KernelPool: the pool is closed')
    if (shares.length > this.helpers + 1) throw new Error('KernelPool: more shares than threads')
    Atomics.add(c, SEQ, 1) // odd: the job is being written
    c[KERNEL] = job.kernel
    c[POINTERS] = job.pointers
    this.args.set(job.args)
    for (let s = 0; s < shares.length; s++) {
      const share = shares[s]
      const at = SHARES + SHARE_SLOTS * s
      c[at] = share.i0
      c[at + 1] = share.i1
      c[at + 2] = share.j0
      c[at + 3] = share.j1
    }
    if (scratch) for (let h = 0; h < this.helpers; h++) c[this.scratchSlots + h] = scratch[h]
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
    // Spin a while first: counted in polls, since every reading of the clock is a boxed number.
    for (let polls = this.spinPolls; polls > 0 && Atomics.load(c, DONE) < count; polls--);
    for (let done = Atomics.load(c, DONE); done < count; done = Atomics.load(c, DONE)) {
      Atomics.wait(c, DONE, done)
    }
    if (Atomics.load(c, FAILED) !== 0) {
      Atomics.store(c, FAILED, 0)
      throw new Error(
        `KernelPool: a helper thread failed${this.failure ? `: ${this.failure}` : ''}`
      )
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

/**
 * How many polls of the control block, as finish() makes them, take about `ms`: timed over a
 * few trials, the fastest kept (the first runs before the JIT has compiled the loop).
 */
function pollsIn(control: Int32Array, ms: number): number {
  const trial = 50_000
  const never = 2 ** 31 - 1 // DONE never gets there: every poll is made
  let fastest = Infinity
  for (let t = 0; t < 4; t++) {
    const start = performance.now()
    for (let polls = trial; polls > 0 && Atomics.load(control, DONE) < never; polls--);
    fastest = Math.min(fastest, performance.now() - start)
  }
  return Math.ceil((trial * ms) / Math.max(fastest, 1e-6))
}

function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve())
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`KernelPool: a helper exited (code ${code})`)))
  })
}
