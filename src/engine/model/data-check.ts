import type { Dataset } from '../data/dataset'
import type { Compiled } from './compiled'

/**
 * Throws a clear Error unless `data` fits the model: as many features per sample as the model
 * takes and, when targets are used, targets the loss can compare with the model's outputs.
 */
export function checkDataFits(
  data: Dataset,
  inputSize: number,
  outputDim: number,
  compiled: Compiled | null
): void {
  if (data.featureSize !== inputSize) {
    throw new Error(
      `the model takes ${inputSize} features per sample but data set "${data.name}" has ${data.featureSize}`
    )
  }
  if (compiled === null) return
  if (compiled.labels === 'sparse') {
    if (data.task === 'regression' || data.numClasses !== outputDim) {
      throw new Error(
        `${compiled.loss} needs class labels for the model's ${outputDim} outputs; data set "${data.name}" ` +
          (data.task === 'regression' ? 'is a regression set' : `has ${data.numClasses} classes`)
      )
    }
  } else if (data.targetDim !== outputDim) {
    throw new Error(
      `the model gives ${outputDim} outputs per sample but data set "${data.name}" has ${data.targetDim} target values` +
        (data.task === 'binary' ? ' (a binary set: use one sigmoid output)' : '')
    )
  }
}
