import { existsSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { DatasetInfo } from '../../contract/datasets'
import { ApiError } from '../../contract/errors'
import type { HandlerTable } from '../api/handlers'
import type { AppContext } from '../context'
import { builtinDatasetNames, builtinDescription, isBuiltinDataset } from '../datasets/builtin'
import { datasetFolder, datasetsFolder, loadImportedDataset } from '../datasets/imported-store'
import { loadTrainingData } from '../datasets/training-data'
import { DatasetsRepo, type DatasetRecord } from '../store/datasets-repo'
import { builtinInfo, importedInfo } from './datasets/describe'
import { importDataset } from './datasets/import-dataset'

/** Runs that may still read their data set: deleting it would strand them. */
const UNFINISHED = ['queued', 'running', 'paused', 'interrupted']

/** Handlers of the `datasets` family. */
export function datasetsHandlers(
  ctx: AppContext
): Pick<HandlerTable, 'datasets.list' | 'datasets.get' | 'datasets.import' | 'datasets.delete'> {
  const repo = new DatasetsRepo(ctx.db)

  const describeBuiltin = (name: string, samples: number): DatasetInfo => {
    const { train, test } = loadTrainingData({ dataset: name })
    return builtinInfo(name, builtinDescription(name), train, test, samples)
  }
  const describeImported = (record: DatasetRecord, samples: number): DatasetInfo =>
    importedInfo(
      record,
      samples > 0 ? loadImportedDataset(ctx.dataFolder, record).train : null,
      samples
    )

  return {
    'datasets.list': ({ samples = 0 }) => [
      ...builtinDatasetNames.map((name) => describeBuiltin(name, samples)),
      ...repo.list().map((record) => describeImported(record, samples))
    ],

    'datasets.get': ({ name, samples = 0 }) => {
      if (isBuiltinDataset(name)) return describeBuiltin(name.toLowerCase(), samples)
      const record = repo.find(name)
      if (!record) throw new ApiError('NOT_FOUND', `no data set named "${name}"`)
      return describeImported(record, samples)
    },

    'datasets.import': (input) => importDataset(ctx, input),

    // Models keep their own weights, so they survive the deletion (they can still be evaluated on
    // another set); runs that have not finished would need the data, so they block it.
    'datasets.delete': ({ name }) => {
      if (isBuiltinDataset(name))
        throw new ApiError('CONFLICT', `"${name}" is built in and cannot be deleted`)
      const record = repo.find(name)
      if (!record) throw new ApiError('NOT_FOUND', `no data set named "${name}"`)
      const trash = join(datasetsFolder(ctx.dataFolder), `.delete-${record.id}-${Date.now()}`)
      ctx.db
        .transaction(() => {
          const waiting = ctx.db
            .prepare(
              `SELECT count(*) AS n FROM runs WHERE dataset = ? COLLATE NOCASE AND status IN (${UNFINISHED.map(() => '?').join(', ')})`
            )
            .get(record.name, ...UNFINISHED) as { n: number }
          if (waiting.n > 0) {
            throw new ApiError(
              'CONFLICT',
              `${waiting.n} unfinished run(s) use "${record.name}": finish or delete them first`
            )
          }
          repo.delete(record.id)
          const folder = datasetFolder(ctx.dataFolder, record.name)
          if (existsSync(folder)) renameSync(folder, trash)
        })
        .immediate()
      rmSync(trash, { recursive: true, force: true })
      ctx.events.emit('datasets.changed', { name: record.name, change: 'deleted' })
      return { name: record.name, deleted: true }
    }
  }
}
