import type { Task } from '../data/dataset'
import { Dense } from '../layers/dense'
import { Dropout } from '../layers/dropout'
import type { Layer } from '../layers/layer'
import { Sequential } from '../model/sequential'
import type { ActivationName } from '../ops'

/** A layer as users describe it in the builder, the CLI and a stored run. */
export type LayerSpec =
  | { kind: 'dense'; units: number; activation: ActivationName; initializer?: string }
  | { kind: 'dropout'; rate: number }

/** Everything needed to build and train a model, serialisable as JSON (a run's spec). */
export interface TrainingSpec {
  layers: LayerSpec[]
  loss: string
  metrics: string[]
  optimizer: { name: string; config: Record<string, unknown> }
  epochs: number
  batchSize: number
  seed: number
  validationSplit?: number
}

/** What the task asks of the last layer, and the loss that goes with it (the lecture's table). */
export function suggestedOutput(
  task: Task,
  classes: number
): { units: number; activation: ActivationName; loss: string } {
  if (task === 'multiclass')
    return { units: classes, activation: 'softmax', loss: 'categorical_crossentropy' }
  if (task === 'binary') return { units: 1, activation: 'sigmoid', loss: 'binary_crossentropy' }
  return { units: 1, activation: 'linear', loss: 'mean_squared_error' }
}

export function defaultMetrics(task: Task): string[] {
  return task === 'regression' ? ['mae'] : ['accuracy']
}

/** The data set's needs in one place, so a mismatch is reported before any training starts. */
export interface DataShape {
  name: string
  featureShape: readonly number[]
  task: Task
  targetDim: number
}

/** Problems with a spec for this data, as sentences; empty when it can be trained. */
export function checkSpec(spec: Pick<TrainingSpec, 'layers' | 'loss'>, data: DataShape): string[] {
  const problems: string[] = []
  const dense = spec.layers.filter((l) => l.kind === 'dense')
  const last = spec.layers.at(-1)
  if (!last || last.kind !== 'dense') {
    problems.push('the last layer must be a Dense layer (the output)')
    return problems
  }
  if (last.units !== data.targetDim) {
    const want =
      data.task === 'regression'
        ? `${data.targetDim} target value(s)`
        : data.task === 'binary'
          ? '1 unit (binary)'
          : `${data.targetDim} classes`
    problems.push(`the output layer has ${last.units} units but ${data.name} needs ${want}`)
  }
  if (dense.length === 0) problems.push('add at least one Dense layer')
  const classification = spec.loss.includes('crossentropy')
  if (data.task === 'regression' && classification) {
    problems.push(
      `${spec.loss} is for classification, but ${data.name} is a regression task: use mean_squared_error or mean_absolute_error`
    )
  }
  if (data.task !== 'regression' && !classification) {
    problems.push(`${spec.loss} is a regression loss, but ${data.name} is a classification task`)
  }
  if (spec.loss === 'categorical_crossentropy' && last.activation !== 'softmax') {
    problems.push(
      `categorical_crossentropy expects probabilities: give the output layer a softmax activation (it has ${last.activation})`
    )
  }
  if (spec.loss === 'binary_crossentropy' && last.activation !== 'sigmoid') {
    problems.push(
      `binary_crossentropy expects probabilities: give the output layer a sigmoid activation (it has ${last.activation})`
    )
  }
  return problems
}

/** The engine layer a LayerSpec describes, not yet built (its input size comes from the model). */
export function createLayer(spec: LayerSpec): Layer {
  return spec.kind === 'dropout'
    ? new Dropout({ rate: spec.rate })
    : new Dense({
        units: spec.units,
        activation: spec.activation,
        kernelInitializer: spec.initializer
      })
}

/** Builds and compiles the Sequential model a spec describes for data of this shape. */
export function buildModel(spec: TrainingSpec, data: DataShape): Sequential {
  const problems = checkSpec(spec, data)
  if (problems.length) throw new Error(`cannot build this model: ${problems.join('; ')}`)
  const model = new Sequential({ inputShape: data.featureShape, seed: spec.seed })
  for (const layer of spec.layers) model.add(createLayer(layer))
  model.compile({
    optimizer: { name: spec.optimizer.name, ...spec.optimizer.config },
    loss: spec.loss,
    metrics: spec.metrics
  })
  return model
}
