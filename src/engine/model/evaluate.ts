import type { Dataset } from '../data/dataset'
import type { Compiled } from './compiled'
import type { PlanCache } from './plan'
import { Tally } from './tally'

export interface Evaluation {
  /** Mean loss over the samples, regularization included (as Keras reports it). */
  loss: number
  /** Each compiled metric's mean over the samples, by the name it was compiled under. */
  metrics: Record<string, number>
}

/** Identity sample order 0..n-1. */
export function inOrder(n: number): Uint32Array {
  const order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  return order
}

/**
 * Loss and metrics over a data set in inference mode, one batch per step (a generator, so that
 * fit() can give the event loop a turn between validation batches).
 */
export function* evaluationSteps(
  plans: PlanCache,
  compiled: Compiled,
  outputDim: number,
  data: Dataset,
  batchSize: number
): Generator<void, Evaluation> {
  if (data.count === 0) throw new Error(`data set "${data.name}" has no samples to evaluate`)
  const order = inOrder(data.count)
  const tally = new Tally(compiled.metrics, outputDim)
  for (let start = 0; start < data.count; start += batchSize) {
    const end = Math.min(data.count, start + batchSize)
    const plan = plans.get('evaluate', end - start)
    data.fillBatch(order, start, end, plan.x.data, plan.y!.data, compiled.labels)
    plan.tape.forward()
    tally.add(plan.loss!.item(), plan.output.data, plan.y!.data, end - start)
    yield
  }
  const { loss, ...metrics } = tally.means()
  return { loss, metrics }
}

/**
 * The model's outputs for n samples, [n, outputDim] row-major, in inference mode. `fill` writes
 * samples start..end-1 into the batch placeholder.
 */
export function predictRows(
  plans: PlanCache,
  outputDim: number,
  n: number,
  batchSize: number,
  fill: (start: number, end: number, x: Float32Array) => void
): Float32Array {
  const out = new Float32Array(n * outputDim)
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize)
    const plan = plans.get('predict', end - start)
    fill(start, end, plan.x.data)
    plan.tape.forward()
    out.set(plan.output.data, start * outputDim)
  }
  return out
}
