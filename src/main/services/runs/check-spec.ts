import { ApiError, type RunSpec } from '../../../contract'
import type { Dataset } from '../../../engine/data'
import { buildModel, checkSpec } from '../../../engine/spec'
import { loadTrainingData, type ImportedResolver } from '../../datasets/training-data'

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/**
 * Refuses (BAD_INPUT) a spec that could not train, before anything is stored: data that cannot
 * be loaded, a model that does not fit the data, an unknown loss, metric or optimizer setting,
 * a validation split the data cannot give.
 */
export function checkRunSpec(spec: RunSpec, imported: ImportedResolver): void {
  const train = loadTrain(spec, imported)
  const problems = checkSpec(spec, train)
  if (problems.length > 0) {
    throw new ApiError('BAD_INPUT', `cannot train this model: ${problems.join('; ')}`, { problems })
  }
  try {
    buildModel(spec, train)
    if (spec.validationSplit !== undefined) train.splitValidation(spec.validationSplit)
  } catch (err) {
    throw new ApiError('BAD_INPUT', messageOf(err))
  }
}

function loadTrain(spec: RunSpec, imported: ImportedResolver): Dataset {
  try {
    return loadTrainingData(spec.data, imported).train
  } catch (err) {
    throw new ApiError('BAD_INPUT', `cannot load the data: ${messageOf(err)}`)
  }
}
