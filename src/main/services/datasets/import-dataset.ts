import { existsSync, renameSync, rmSync } from 'node:fs'
import { ApiError } from '../../../contract/errors'
import type { DatasetInfo, ImportFileRole } from '../../../contract/datasets'
import type { ParsedInput } from '../../../contract/calls'
import type { Dataset } from '../../../engine/data/dataset'
import { DataError } from '../../../engine/data/errors'
import { isBuiltinDataset } from '../../datasets/builtin'
import { missingFiles, parseImportFiles, type ImportFiles } from '../../datasets/imported-files'
import { datasetFolder, writeScratchFolder } from '../../datasets/imported-store'
import type { AppContext } from '../../context'
import { DatasetsRepo } from '../../store/datasets-repo'
import { importedInfo } from './describe'

/**
 * datasets.import: every file is parsed and cross-checked before anything is written; the files
 * then go to a scratch folder that is renamed into place inside the transaction inserting the
 * row, so a failure at any point leaves the data folder and the database as they were.
 */
export function importDataset(ctx: AppContext, input: ParsedInput<'datasets.import'>): DatasetInfo {
  const repo = new DatasetsRepo(ctx.db)
  const { name, format } = input
  const refuseTakenName = (): void => {
    if (isBuiltinDataset(name))
      throw new ApiError('CONFLICT', `"${name}" is the name of a built-in data set`)
    const existing = repo.find(name)
    if (existing)
      throw new ApiError('CONFLICT', `a data set named "${existing.name}" already exists`)
  }
  refuseTakenName()
  const problem = missingFiles(format, Object.keys(input.files))
  if (problem) throw new ApiError('BAD_INPUT', problem)
  if (format === 'idx' && input.labelColumn !== undefined) {
    throw new ApiError('BAD_INPUT', 'labelColumn applies to CSV files only')
  }

  const files: ImportFiles = {}
  for (const [role, base64] of Object.entries(input.files) as [ImportFileRole, string][]) {
    files[role] = new Uint8Array(Buffer.from(base64, 'base64'))
  }
  const labelColumn = input.labelColumn ?? null
  const { train, test } = parsed(() => parseImportFiles(name, { format, labelColumn }, files))

  const scratch = writeScratchFolder(ctx.dataFolder, files)
  try {
    // IMMEDIATE: the name check and the insert see the same database, even with other processes.
    const record = ctx.db
      .transaction(() => {
        refuseTakenName()
        const inserted = repo.insert({
          name,
          format,
          files: scratch.names,
          labelColumn,
          createdAt: Date.now(),
          ...shapeOf(train, test)
        })
        const folder = datasetFolder(ctx.dataFolder, name)
        // A folder without a row is what a crash between rename and commit leaves: it is stale.
        if (existsSync(folder)) rmSync(folder, { recursive: true, force: true })
        renameSync(scratch.folder, folder)
        return inserted
      })
      .immediate()
    ctx.events.emit('datasets.changed', { name, change: 'imported' })
    return importedInfo(record, null, 0)
  } finally {
    rmSync(scratch.folder, { recursive: true, force: true })
  }
}

function shapeOf(train: Dataset, test: Dataset | null) {
  return {
    task: train.task,
    count: train.count,
    featureShape: [...train.featureShape],
    imageShape: train.imageShape,
    numClasses: train.numClasses,
    classNames: train.classNames,
    classCounts: train.classCounts(),
    testCount: test?.count ?? null
  }
}

/**
 * Runs the parsers; a malformed file becomes INVALID_DATA naming the file, the place and the
 * problem. Whatever else they throw is about the untrusted bytes too, so it is INVALID_DATA as well.
 */
function parsed<T>(parse: () => T): T {
  try {
    return parse()
  } catch (err) {
    if (!(err instanceof DataError)) throw new ApiError('INVALID_DATA', (err as Error).message)
    const { file, problem, position, line, column, columnName } = err
    const place = Object.fromEntries(
      Object.entries({ position, line, column, columnName }).filter(([, v]) => v !== undefined)
    )
    throw new ApiError('INVALID_DATA', err.message, { file, problem, ...place })
  }
}
