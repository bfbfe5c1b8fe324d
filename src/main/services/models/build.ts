import type { Task } from '../../../engine/data/dataset'
import type { CompileConfig, DatasetDescription } from '../../../engine/formats'
import { Activation } from '../../../engine/layers/activation'
import { Dense } from '../../../engine/layers/dense'
import { Dropout } from '../../../engine/layers/dropout'
import { Sequential } from '../../../engine/model/sequential'
import { buildModel, defaultMetrics, suggestedOutput, type DataShape } from '../../../engine/spec'
import type { RunSpec } from '../../../contract/runs'
import type { ModelRecord, StoredModelSpec } from '../../store/models-repo'

/** The task a loss is for. */
function taskOfLoss(loss: string): Task {
  if (loss === 'binary_crossentropy') return 'binary'
  return loss.includes('crossentropy') ? 'multiclass' : 'regression'
}

/** What a model's loss says about its task (a file without compile settings: its output layer). */
function taskOf(compile: CompileConfig | null, model: Sequential): Task {
  if (compile) return taskOfLoss(compile.loss)
  const activation = outputActivation(model)
  if (activation === 'softmax') return 'multiclass'
  if (activation === 'sigmoid' && model.outputDim === 1) return 'binary'
  return 'regression'
}

/** The activation of the model's output, as the last Dense or Activation layer sets it. */
export function outputActivation(model: Sequential): string {
  const last = [...model.layers]
    .reverse()
    .find((l) => l instanceof Dense || l instanceof Activation)
  return last instanceof Dense || last instanceof Activation ? last.activation : 'linear'
}

function describeLayer(layer: Sequential['layers'][number]): string {
  if (layer instanceof Dense) return `${layer.units} ${layer.activation}`
  if (layer instanceof Dropout) return `dropout ${layer.rate}`
  if (layer instanceof Activation) return layer.activation
  return layer.className
}

/** Feature values per sample the model takes. */
export function featureCount(spec: StoredModelSpec): number {
  return spec.inputShape.reduce((a, b) => a * b, 1)
}

/** The `spec` column for a built model. */
export function storedSpec(
  model: Sequential,
  known: {
    compile: CompileConfig | null
    dataset: DatasetDescription | null
    training: RunSpec | null
  }
): StoredModelSpec {
  const inputShape = [...model.inputShape!]
  return {
    architecture: model.toConfig(),
    ...known,
    task: known.dataset?.task ?? taskOf(known.compile, model),
    inputShape,
    params: model.countParams(),
    layers: [inputShape.join('×'), ...model.layers.map(describeLayer)].join(' → ')
  }
}

/**
 * A library model, built with its weights and compiled (as it was, or as its task suggests when
 * the file said nothing). The optimizer starts fresh: callers that continue training apply
 * `record.optimizerState` themselves.
 */
export function modelFromRecord(record: Pick<ModelRecord, 'spec' | 'weights'>): Sequential {
  const { architecture, compile, task } = record.spec
  const model = Sequential.fromConfig(architecture).build()
  model.setWeights(record.weights)
  const fallback = {
    loss: suggestedOutput(task, model.outputDim).loss,
    metrics: defaultMetrics(task)
  }
  model.compile({
    optimizer: compile ? { ...compile.optimizer } : 'rmsprop',
    loss: compile?.loss ?? fallback.loss,
    metrics: compile?.metrics ?? fallback.metrics
  })
  return model
}

/**
 * A run's model with a checkpoint's weights. The data's shape is read off the spec and the
 * weights (the first kernel holds inputs × units values), so the data set need not be at hand.
 */
export function modelFromRun(spec: RunSpec, weights: Float32Array[], name: string): Sequential {
  const dense = spec.layers.filter((l) => l.kind === 'dense')
  const first = dense[0]
  const last = dense.at(-1)
  if (!first || !last || !weights.length || weights[0].length % first.units !== 0) {
    throw new Error(`the checkpoint's weights do not fit the run's layers`)
  }
  const shape: DataShape = {
    name,
    featureShape: [weights[0].length / first.units],
    task: taskOfLoss(spec.loss),
    targetDim: last.units
  }
  const model = buildModel(spec, shape)
  model.setWeights(weights)
  return model
}
