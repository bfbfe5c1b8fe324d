import type { ModelExport } from '../../../contract/models'
import { ApiError } from '../../../contract/errors'
import {
  loadTfjsLayers,
  saveTfjsLayers,
  type LoadedTfjsModel,
  type WeightShards
} from '../../../engine/formats'
import type { ModelRecord, NewModel } from '../../store/models-repo'
import { modelFromRecord, storedSpec } from './build'
import { emptyHistory, lastEpochValues } from './describe'

/** A library model as TF.js Layers files, its history and optimizer state in Descent's metadata. */
export function exportModel(record: ModelRecord): ModelExport {
  const saved = saveTfjsLayers(modelFromRecord(record), {
    createdAt: new Date(record.createdAt).toISOString(),
    dataset: record.spec.dataset,
    compile: record.spec.compile,
    history: record.history,
    optimizerState: record.optimizerState,
    ...(record.sourceRunId === null ? {} : { sourceRun: { id: String(record.sourceRunId) } })
  })
  return {
    name: record.name,
    files: {
      'model.json': saved.modelJson,
      'weights.bin': Buffer.from(saved.weights).toString('base64')
    },
    notes: saved.notes
  }
}

/**
 * Reads untrusted TF.js Layers files into a model ready to store. Anything wrong with them is
 * INVALID_DATA with the format module's message; nothing is stored by this function.
 */
export function importModel(
  modelJson: string,
  weights: string | Record<string, string>,
  name: string | undefined
): { model: NewModel; notes: string[] } {
  const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'))
  const shards: WeightShards =
    typeof weights === 'string'
      ? [bytes(weights)]
      : Object.fromEntries(Object.entries(weights).map(([path, data]) => [path, bytes(data)]))
  let loaded: LoadedTfjsModel
  try {
    loaded = loadTfjsLayers(modelJson, shards)
  } catch (err) {
    throw new ApiError('INVALID_DATA', (err as Error).message)
  }
  const { model, metadata, notes } = loaded
  const history = metadata?.history ?? emptyHistory()
  return {
    model: {
      name: name ?? metadata?.sourceRun?.name ?? model.name,
      dataset: metadata?.dataset?.name ?? '',
      spec: storedSpec(model, {
        compile: metadata?.compile ?? null,
        dataset: metadata?.dataset ?? null,
        training: null
      }),
      weights: model.getWeights(),
      optimizerState: metadata?.optimizerState ?? null,
      history,
      metrics: lastEpochValues(history),
      // A run id in the file belongs to the database it was exported from, not this one.
      sourceRunId: null,
      sourceEpoch: null,
      createdAt: Date.now()
    },
    notes
  }
}
