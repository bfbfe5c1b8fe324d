/**
 * One run, trained start to end inside a worker thread: claim the queued run, load its data,
 * build its model (or restore its 'latest' checkpoint), fit with a recorder attached, then write
 * the outcome. Only this worker writes the run's metrics and checkpoints while it holds the run.
 */
import type { Database } from 'better-sqlite3'
import { existsSync } from 'node:fs'
import type { RunRecord, RunStatusEvent } from '../../contract'
import { getBackend, referenceBackend, setBackend } from '../../engine/backend'
import { createNodeBackend, type ClosableBackend } from '../../engine/backend/wasm.node'
import { TerminateOnNaN } from '../../engine/callbacks'
import type { Sequential } from '../../engine/model'
import { buildModel } from '../../engine/spec'
import { importedDatasets } from '../datasets/imported-store'
import { loadTrainingData } from '../datasets/training-data'
import { loadCheckpoint } from '../store/checkpoints-table'
import { openDatabase } from '../store/database'
import { ModelsRepo } from '../store/models-repo'
import { findRunSpec } from '../store/runs-table'
import type { WorkerData, WorkerMessage } from './messages'
import { RunLink } from './run-link'
import { RunRecorder, type Resumption } from './run-recorder'
import { RunSignal } from './run-signal'

type Post = (message: WorkerMessage) => void

export async function runTrainingJob(job: WorkerData, post: Post): Promise<void> {
  const db = openDatabase(job.databasePath, { nativeBinding: job.nativeBinding })
  const link = new RunLink(db, job.runId)
  const announce = (event: Omit<RunStatusEvent, 'id'>): void =>
    post({ type: 'run.status', payload: { id: job.runId, ...event } })
  let backend: ClosableBackend | null = null
  try {
    const run = link.claim()
    if (!run) return // stopped or deleted while it waited
    announce({ status: 'running' })
    backend = await kernelBackend(job)
    setBackend(backend)
    link.setEngine(backend.name)
    await train(db, link, run, job, post, announce)
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err)
    link.finish({ status: 'failed', error }, null)
    announce({ status: 'failed', error })
  } finally {
    setBackend(referenceBackend)
    await backend?.close()
    db.close()
  }
}

/** WebAssembly kernels on `threads` threads when they are built, else the reference kernels. */
async function kernelBackend(job: WorkerData): Promise<ClosableBackend> {
  if (!existsSync(job.wasmDir)) return { ...referenceBackend, close: async () => {} }
  return createNodeBackend({
    threads: job.threads,
    wasmDir: job.wasmDir,
    // For comparisons (npm run bench): 0 makes gemm compute the zero depths it would skip.
    skipZeroDepths: process.env.DESCENT_SKIP_ZERO_DEPTHS !== '0'
  })
}

async function train(
  db: Database,
  link: RunLink,
  run: RunRecord,
  job: WorkerData,
  post: Post,
  announce: (event: Omit<RunStatusEvent, 'id'>) => void
): Promise<void> {
  const spec = findRunSpec(db, run.id)!
  // Samples read straight into the kernels' memory, where batches are gathered in place.
  const storage = getBackend().allocBytes
  const data = loadTrainingData(spec.data, importedDatasets(db, job.dataFolder, storage), storage)
  const model = buildModel(spec, data.train)
  const start = restore(db, link, model, run)
  const signal = new RunSignal(job.control, link, (paused) => {
    link.setStatus(paused ? 'paused' : 'running')
    announce({ status: paused ? 'paused' : 'running' })
  })
  const trainCount = spec.validationSplit
    ? Math.floor(data.train.count * (1 - spec.validationSplit))
    : data.train.count
  const recorder = new RunRecorder({
    model,
    link,
    epochs: spec.epochs,
    stepsPerEpoch: Math.ceil(trainCount / Math.min(spec.batchSize, trainCount)),
    monitor: spec.validationSplit ? 'val_loss' : 'loss',
    start,
    post,
    activeMs: () => signal.activeMs()
  })
  const history = await model.fit(data.train, {
    epochs: spec.epochs,
    batchSize: spec.batchSize,
    validationSplit: spec.validationSplit,
    // A restored Rng continues its stream; reseeding would replay the first epoch's shuffle.
    seed: start.restored ? undefined : spec.seed,
    initialEpoch: start.epoch,
    signal,
    // Stop and pause arrive through shared memory and the database, not as messages.
    yieldEveryMs: 1000,
    callbacks: [new TerminateOnNaN(), recorder]
  })
  const outcome: { status: 'completed' | 'stopped'; stopReason?: string } = signal.stopped
    ? { status: 'stopped', stopReason: 'stopped on request' }
    : history.stoppedEarly
      ? { status: 'stopped', stopReason: history.stopReason ?? 'stopped early' }
      : { status: 'completed' }
  // A diverged model (NaN weights) is worth neither a test score nor a final snapshot.
  const usable = model.getWeights().every((w) => w.every(Number.isFinite))
  const test = usable && data.test ? model.evaluate(data.test, { batchSize: 1024 }) : null
  link.finish(
    {
      ...outcome,
      testMetrics: test && { loss: test.loss, ...test.metrics },
      trainSeconds: recorder.trainSeconds,
      stepsDone: recorder.globalStep
    },
    usable ? recorder.checkpoint(recorder.history.epoch.length) : null
  )
  announce(outcome)
}

/**
 * Where training starts. A run that has a 'latest' checkpoint continues from it exactly
 * (weights, optimizer state, Rng, history); anything logged after it is dropped first. Else it
 * starts from scratch, or from a saved model's weights when the run names one.
 */
function restore(
  db: Database,
  link: RunLink,
  model: Sequential,
  run: RunRecord
): Resumption & { epoch: number; restored: boolean } {
  const latest = loadCheckpoint(db, run.id, 'latest')
  link.discardAfter(latest?.step ?? 0)
  if (latest) {
    model.setWeights(latest.weights)
    model.optimizer.setState(latest.optimizerState)
    model.setRngState(latest.rng)
    return {
      epoch: latest.epoch,
      step: latest.step,
      history: latest.history,
      trainSeconds: latest.trainSeconds,
      best: run.bestMetrics,
      restored: true
    }
  }
  if (run.initialModelId !== null) startFromModel(db, model, run.initialModelId)
  return {
    epoch: 0,
    step: 0,
    history: { epoch: [], history: {} },
    trainSeconds: 0,
    best: null,
    restored: false
  }
}

function startFromModel(db: Database, model: Sequential, modelId: number): void {
  const saved = new ModelsRepo(db).get(modelId)
  if (!saved) throw new Error(`model ${modelId} no longer exists`)
  model.setWeights(saved.weights)
  if (!saved.optimizerState) return
  try {
    model.optimizer.setState(saved.optimizerState)
  } catch {
    // Saved by another optimizer (other slots): this run's optimizer starts fresh.
  }
}
