import { ApiError } from '../../contract/errors'
import { describeDataset, type DatasetDescription } from '../../engine/formats'
import type { HandlerTable } from '../api/handlers'
import type { AppContext } from '../context'
import { importedDatasets } from '../datasets/imported-store'
import { loadTrainingData, type DataSource } from '../datasets/training-data'
import { ModelsRepo, type ModelHeader, type ModelRecord } from '../store/models-repo'
import { featureCount, modelFromRecord, modelFromRun, storedSpec } from './models/build'
import { detailOf, lastEpochValues, summaryOf } from './models/describe'
import { classify, evaluateOn } from './models/evaluate-model'
import { evaluationData } from './models/evaluation-data'
import { readRunCheckpoint } from './models/run-checkpoint'
import { exportModel, importModel } from './models/transfer'

type ModelCalls =
  | 'models.list'
  | 'models.get'
  | 'models.saveFromRun'
  | 'models.rename'
  | 'models.delete'
  | 'models.evaluate'
  | 'models.predict'
  | 'models.export'
  | 'models.import'

/**
 * Handlers of the `models` family. Continuing training from a saved model belongs to the runs
 * service: it builds the model with modelFromRecord (./models/build.ts), applies the record's
 * optimizerState and starts a run whose history continues the record's.
 */
export function modelsHandlers(ctx: AppContext): Pick<HandlerTable, ModelCalls> {
  const repo = new ModelsRepo(ctx.db)
  const header = (id: number): ModelHeader => {
    const found = repo.header(id)
    if (!found) throw new ApiError('NOT_FOUND', `no model with id ${id}`)
    return found
  }
  const record = (id: number): ModelRecord => {
    const found = repo.get(id)
    if (!found) throw new ApiError('NOT_FOUND', `no model with id ${id}`)
    return found
  }
  /** The data set a run trained on, described for the model's metadata; null when it is gone. */
  const describeSource = (source: DataSource): DatasetDescription | null => {
    try {
      return describeDataset(
        loadTrainingData(source, importedDatasets(ctx.db, ctx.dataFolder)).train
      )
    } catch {
      return null
    }
  }

  return {
    'models.list': () => repo.list().map(summaryOf),

    'models.get': ({ id }) => detailOf(header(id)),

    'models.saveFromRun': ({ runId, which, name }) => {
      const { run, checkpoint } = readRunCheckpoint(ctx.db, runId, which)
      const model = modelFromRun(run.spec, checkpoint.weights, run.dataset)
      const id = repo.insert({
        name: name ?? `${run.name} (${which}, epoch ${checkpoint.epoch})`,
        dataset: run.dataset,
        spec: storedSpec(model, {
          compile: model.compileConfig,
          dataset: describeSource(run.spec.data),
          training: run.spec
        }),
        weights: checkpoint.weights,
        optimizerState: checkpoint.optimizerState,
        history: checkpoint.history,
        metrics: lastEpochValues(checkpoint.history),
        sourceRunId: run.id,
        sourceEpoch: checkpoint.epoch,
        createdAt: Date.now()
      })
      ctx.events.emit('models.changed', { id, change: 'saved' })
      return summaryOf(header(id))
    },

    'models.rename': ({ id, name }) => {
      if (!repo.rename(id, name)) throw new ApiError('NOT_FOUND', `no model with id ${id}`)
      ctx.events.emit('models.changed', { id, change: 'renamed' })
      return summaryOf(header(id))
    },

    'models.delete': ({ id }) => {
      if (!repo.delete(id)) throw new ApiError('NOT_FOUND', `no model with id ${id}`)
      ctx.events.emit('models.changed', { id, change: 'deleted' })
      return { id, deleted: true }
    },

    'models.evaluate': ({ id, wrong, ...choice }) => {
      const stored = record(id)
      const model = modelFromRecord(stored)
      const { name, split, data } = evaluationData(ctx, stored, choice)
      if (data.featureSize !== featureCount(stored.spec) || data.targetDim !== model.outputDim) {
        throw new ApiError(
          'CONFLICT',
          `model ${id} takes ${stored.spec.inputShape.join('×')} features and gives ${model.outputDim} outputs; ` +
            `data set "${name}" has ${data.featureSize} features and ${data.targetDim} targets`
        )
      }
      return {
        modelId: id,
        dataset: name,
        split,
        ...evaluateOn(model, stored.spec.task, data, wrong)
      }
    },

    'models.predict': ({ id, inputs }) => {
      const stored = record(id)
      const width = featureCount(stored.spec)
      const bad = inputs.findIndex((row) => row.length !== width)
      if (bad >= 0) {
        throw new ApiError(
          'BAD_INPUT',
          `inputs[${bad}] has ${inputs[bad].length} values; model ${id} takes ${width}`
        )
      }
      const model = modelFromRecord(stored)
      const outputs = model.predict(Float32Array.from(inputs.flat()))
      const n = inputs.length
      const classified = classify(model, stored.spec.task, outputs, n)
      const rows = Array.from({ length: n }, (_, i) =>
        Array.from(outputs.subarray(i * model.outputDim, (i + 1) * model.outputDim))
      )
      return {
        outputs: rows,
        predicted: rows.map((_, i) => (classified ? classified.predicted[i] : null)),
        confidence: rows.map((_, i) => (classified ? classified.confidence[i] : null)),
        classNames: stored.spec.dataset?.classNames ?? null
      }
    },

    'models.export': ({ id }) => exportModel(record(id)),

    'models.import': ({ name, modelJson, weights }) => {
      const { model, notes } = importModel(modelJson, weights, name)
      const id = repo.insert(model)
      ctx.events.emit('models.changed', { id, change: 'imported' })
      return { ...summaryOf(header(id)), notes }
    }
  }
}
