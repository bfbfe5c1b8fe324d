/**
 * The training loop of fit(), with Keras's semantics: ceil(n / batchSize) steps an epoch, a
 * reshuffle every epoch, the epoch's loss and metrics as means over its samples, validation
 * after each epoch, callbacks around every batch and epoch.
 */
import { markGradsStale, settleGrads } from '../autodiff'
import type { Callback, Logs, TrainingModel } from '../callbacks/callback'
import { CallbackList } from '../callbacks/callback-list'
import type { Dataset } from '../data/dataset'
import { Rng } from '../random'
import type { Tensor } from '../tensor'
import type { Compiled } from './compiled'
import { evaluationSteps } from './evaluate'
import type { History } from './history'
import { Pacer, runPaced } from './pacer'
import type { PlanCache } from './plan'
import { Tally } from './tally'

/** Polled before every batch; the worker sets it when the user asks to stop. */
export interface StopSignal {
  stopRequested(): boolean
}

export interface FitOptions {
  /** Train until this epoch index (exclusive), as Keras's epochs. Default 1. */
  epochs?: number
  /** Default 32; a batch size ≥ the sample count means full-batch gradient descent. */
  batchSize?: number
  /** Reshuffle the samples every epoch (default true). */
  shuffle?: boolean
  /** Hold out the LAST fraction of the samples (before shuffling) for validation. */
  validationSplit?: number
  /** A separate validation set; wins over validationSplit. */
  validationData?: Dataset
  /** Reseeds the model's Rng before training; leave it out to continue the model's stream. */
  seed?: number
  callbacks?: Callback[]
  /** The epoch to start from (a resumed run). Default 0. */
  initialEpoch?: number
  signal?: StopSignal
  /**
   * Milliseconds of work between the turns fit() gives the event loop (default 50, for a page
   * that must stay responsive). A worker thread whose signals arrive through shared memory
   * can make it long: every turn costs a timer's delay.
   */
  yieldEveryMs?: number
}

/** What the loop needs of the model: its plans, its trainable tensors and its Rng. */
export interface TrainingSession {
  readonly model: TrainingModel
  readonly rng: Rng
  readonly plans: PlanCache
  readonly compiled: Compiled
  readonly params: readonly Tensor[]
  readonly outputDim: number
}

function wholeNumber(value: number, what: string, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`fit: ${what} must be an integer ≥ ${min}, got ${value}`)
  }
  return value
}

export async function fitLoop(
  session: TrainingSession,
  data: Dataset,
  options: FitOptions
): Promise<History> {
  const { model, rng, plans, compiled, params, outputDim } = session
  const epochs = wholeNumber(options.epochs ?? 1, 'epochs', 0)
  const initialEpoch = wholeNumber(options.initialEpoch ?? 0, 'initialEpoch', 0)
  const shuffle = options.shuffle ?? true
  let train = data
  let validation = options.validationData ?? null
  if (validation === null && options.validationSplit !== undefined) {
    ;({ train, validation } = data.splitValidation(options.validationSplit))
  }
  const n = train.count
  if (n === 0) throw new Error(`fit: data set "${train.name}" has no samples`)
  const batchSize = Math.min(wholeNumber(options.batchSize ?? 32, 'batchSize', 1), n)
  const steps = Math.ceil(n / batchSize)
  if (options.seed !== undefined) rng.setState(new Rng(options.seed).getState())
  // Recorded up front: the full-size plan, and the partial last batch's own plan.
  const fullPlan = plans.get('train', batchSize)
  const lastPlan = plans.get('train', n - (steps - 1) * batchSize)

  const callbacks = new CallbackList(options.callbacks ?? [])
  const paramData = params.map((t) => t.data)
  const gradData = params.map((t) => t.grad!)
  const optimizer = compiled.optimizer
  const order = new Uint32Array(n)
  // One batch filled before the clock starts: a backend may copy the samples into its own
  // memory on first use (the WebAssembly one does), a cost that belongs to loading the data.
  train.fillBatch(
    order,
    0,
    Math.min(batchSize, n),
    fullPlan.x.data,
    fullPlan.y!.data,
    compiled.labels
  )
  const tally = new Tally(compiled.metrics, outputDim)
  const pacer = new Pacer(options.yieldEveryMs)
  const history: History = { epoch: [], history: {} }
  let epochLogs: Logs = {}

  /** Gives pending messages a turn when due, then polls the signal. */
  const stopRequested = async (): Promise<boolean> => {
    if (pacer.due) await pacer.pause()
    if (!options.signal?.stopRequested()) return false
    model.stopReason ??= 'stop requested'
    return true
  }

  model.stopTraining = false
  model.stopReason = undefined
  callbacks.setModel(model)
  callbacks.trainBegin({})
  training: for (let epoch = initialEpoch; epoch < epochs; epoch++) {
    // Checked before the shuffle too, so a stop between epochs leaves the Rng at the boundary.
    if (await stopRequested()) break
    callbacks.epochBegin(epoch, {})
    // Every epoch reshuffles from the identity, so the order depends only on the Rng's state.
    for (let i = 0; i < n; i++) order[i] = i
    if (shuffle) rng.shuffle(order)
    tally.reset()
    for (let step = 0; step < steps; step++) {
      // Only whole epochs are logged: an interrupted one is left out.
      if (await stopRequested()) break training
      const start = step * batchSize
      const end = Math.min(n, start + batchSize)
      const size = end - start
      const plan = step === steps - 1 ? lastPlan : fullPlan
      callbacks.batchBegin(step, { size })
      train.fillBatch(order, start, end, plan.x.data, plan.y!.data, compiled.labels)
      // Reset lazily: each parameter's first contribution overwrites its old gradient.
      markGradsStale(params)
      plan.tape.forward()
      plan.tape.backward(plan.loss!)
      settleGrads(params)
      optimizer.apply(paramData, gradData)
      const loss = plan.loss!.item()
      const batchLogs: Logs = { size }
      tally.add(loss, plan.output.data, plan.y!.data, size, batchLogs)
      callbacks.batchEnd(step, batchLogs)
      if (model.stopTraining) {
        // A stop on a non-finite loss (TerminateOnNaN) ends at once: no NaN epoch is logged.
        if (!Number.isFinite(loss)) break training
        break
      }
    }
    epochLogs = tally.means()
    if (validation !== null) {
      const passes = evaluationSteps(plans, compiled, outputDim, validation, batchSize)
      const { loss, metrics } = await runPaced(passes, pacer)
      epochLogs.val_loss = loss
      for (const [key, value] of Object.entries(metrics)) epochLogs[`val_${key}`] = value
    }
    epochLogs.learning_rate = optimizer.learningRate
    callbacks.epochEnd(epoch, epochLogs)
    history.epoch.push(epoch)
    for (const [key, value] of Object.entries(epochLogs)) (history.history[key] ??= []).push(value)
    if (model.stopTraining) break
  }
  const lastEpochRun =
    history.epoch.length > 0 ? history.epoch[history.epoch.length - 1] + 1 : initialEpoch
  if (model.stopTraining || lastEpochRun < epochs) {
    history.stoppedEarly = true
    history.stopReason = model.stopReason ?? 'stopped by a callback'
  }
  callbacks.trainEnd(epochLogs)
  return history
}
