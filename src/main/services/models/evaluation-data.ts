import { ApiError } from '../../../contract/errors'
import type { Dataset } from '../../../engine/data/dataset'
import type { AppContext } from '../../context'
import { isBuiltinDataset } from '../../datasets/builtin'
import { importedDatasets } from '../../datasets/imported-store'
import { loadTrainingData, type DataSource, type TrainingData } from '../../datasets/training-data'
import { DatasetsRepo } from '../../store/datasets-repo'
import type { ModelHeader } from '../../store/models-repo'

export interface EvaluationChoice {
  dataset?: string
  split?: 'test' | 'train'
  limit?: number
}

/**
 * The samples to evaluate a model on: the named set, else the data the model was trained on
 * (its run's data source, or the set its file names), test split unless told otherwise.
 */
export function evaluationData(
  ctx: AppContext,
  model: ModelHeader,
  choice: EvaluationChoice
): { name: string; split: 'test' | 'train'; data: Dataset } {
  const source = sourceFor(ctx, model, choice.dataset)
  let loaded: TrainingData
  try {
    loaded = loadTrainingData(source, importedDatasets(ctx.db, ctx.dataFolder))
  } catch (err) {
    throw new ApiError(
      'CONFLICT',
      `cannot load data set "${source.dataset}" to evaluate model ${model.id}: ${(err as Error).message}`
    )
  }
  const split = choice.split ?? (loaded.test ? 'test' : 'train')
  const data = split === 'test' ? loaded.test : loaded.train
  if (!data)
    throw new ApiError(
      'CONFLICT',
      `data set "${source.dataset}" has no test split: evaluate on split "train"`
    )
  return { name: source.dataset, split, data: choice.limit ? data.limit(choice.limit) : data }
}

function sourceFor(ctx: AppContext, model: ModelHeader, named: string | undefined): DataSource {
  const known = (name: string) =>
    isBuiltinDataset(name) || new DatasetsRepo(ctx.db).find(name) !== undefined
  const asSource = (name: string): DataSource => ({
    dataset: isBuiltinDataset(name) ? name.toLowerCase() : name
  })
  if (named !== undefined) {
    if (!known(named)) throw new ApiError('NOT_FOUND', `no data set named "${named}"`)
    return asSource(named)
  }
  if (model.spec.training) return model.spec.training.data
  if (model.dataset && known(model.dataset)) return asSource(model.dataset)
  throw new ApiError(
    'CONFLICT',
    `model ${model.id} does not say which data set it was trained on${model.dataset ? ` ("${model.dataset}" is not here)` : ''}: name one to evaluate it on`
  )
}
