import { ApiError, type RunSpec } from '../../../contract'
import type { Dataset } from '../../../engine/data'
import { buildModel, checkSpec } from '../../../engine/spec'
import {
  loadTrainingData,
  type DataSource,
  type ImportedResolver
} from '../../datasets/training-data'

/** Loads a run's training set; one loader serves a batch of specs that share their data. */
export type TrainLoader = (source: DataSource) => Dataset

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/**
 * Refuses (BAD_INPUT) a spec that could not train, before anything is stored: data that cannot
 * be loaded, a model that does not fit the data, an unknown loss, metric or optimizer setting,
 * a validation split the data cannot give.
 */
export function checkRunSpec(spec: RunSpec, loadTrain: TrainLoader): void {
  const train = loadTrain(spec.data)
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

/**
 * A loader that reads each distinct data source once (a comparison's runs all share theirs),
 * refusing unloadable data as BAD_INPUT.
 */
export function trainLoader(imported: ImportedResolver): TrainLoader {
  const loaded = new Map<string, Dataset>()
  return (source) => {
    const key = JSON.stringify(source)
    let train = loaded.get(key)
    if (!train) {
      try {
        train = loadTrainingData(source, imported).train
      } catch (err) {
        throw new ApiError('BAD_INPUT', `cannot load the data: ${messageOf(err)}`)
      }
      loaded.set(key, train)
    }
    return train
  }
}
