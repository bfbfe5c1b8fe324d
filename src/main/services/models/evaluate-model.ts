import type { ModelEvaluation, WrongExample } from '../../../contract/models'
import type { Dataset, Task } from '../../../engine/data/dataset'
import { argmax } from '../../../engine/metrics'
import type { Sequential } from '../../../engine/model/sequential'
import { greyLevels } from '../datasets/describe'
import { outputActivation } from './build'

const BATCH = 256

export interface Classified {
  predicted: Int32Array
  /** The probability of the predicted class. */
  confidence: Float64Array
}

/**
 * Each output row's class and its probability: the argmax of a softmax row, or a sigmoid output
 * above 0.5 for class 1 (as binary_accuracy counts it). Outputs that are not probabilities (a
 * linear last layer) go through softmax or sigmoid first. Null for regression.
 */
export function classify(
  model: Sequential,
  task: Task,
  outputs: Float32Array,
  n: number
): Classified | null {
  if (task === 'regression') return null
  const width = model.outputDim
  const activation = outputActivation(model)
  const predicted = new Int32Array(n)
  const confidence = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const o = i * width
    if (task === 'binary') {
      const p = activation === 'sigmoid' ? outputs[o] : 1 / (1 + Math.exp(-outputs[o]))
      predicted[i] = p > 0.5 ? 1 : 0
      confidence[i] = p > 0.5 ? p : 1 - p
    } else {
      const k = argmax(outputs, o, width)
      predicted[i] = k
      confidence[i] = activation === 'softmax' ? outputs[o + k] : softmaxAt(outputs, o, width, k)
    }
  }
  return { predicted, confidence }
}

function softmaxAt(x: Float32Array, o: number, width: number, k: number): number {
  let sum = 0
  for (let j = 0; j < width; j++) sum += Math.exp(x[o + j] - x[o + k])
  return 1 / sum
}

/** Loss and metrics, and for classification the confusion matrix and the worst mistakes. */
export function evaluateOn(
  model: Sequential,
  task: Task,
  data: Dataset,
  wrongLimit: number
): Omit<ModelEvaluation, 'modelId' | 'dataset' | 'split'> {
  const { loss, metrics } = model.evaluate(data, { batchSize: BATCH })
  const common = {
    count: data.count,
    loss,
    metrics,
    task,
    classNames: data.classNames,
    imageShape: data.imageShape
  }
  const classified = classify(model, task, model.predict(data, { batchSize: BATCH }), data.count)
  if (!classified)
    return { ...common, confusion: null, classCounts: null, perClassAccuracy: null, wrong: [] }

  const classes = data.numClasses
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
  const wrong: number[] = []
  for (let i = 0; i < data.count; i++) {
    const label = data.labelOf(i)
    confusion[label][classified.predicted[i]]++
    if (classified.predicted[i] !== label) wrong.push(i)
  }
  const classCounts = confusion.map((row) => row.reduce((a, b) => a + b, 0))
  const worst = wrong
    .sort((a, b) => classified.confidence[b] - classified.confidence[a])
    .slice(0, wrongLimit)
  return {
    ...common,
    confusion,
    classCounts,
    perClassAccuracy: confusion.map((row, k) =>
      classCounts[k] === 0 ? null : row[k] / classCounts[k]
    ),
    wrong: worst.map((i): WrongExample => {
      const features = data.sampleFeatures(i)
      return {
        index: i,
        label: data.labelOf(i),
        predicted: classified.predicted[i],
        confidence: classified.confidence[i],
        pixels: data.imageShape ? greyLevels(features) : null,
        features: data.imageShape ? null : Array.from(features)
      }
    })
  }
}
