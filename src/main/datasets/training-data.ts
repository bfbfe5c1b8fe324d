import { basename } from 'node:path'
import type { Dataset } from '../../engine/data/dataset'
import { parseCsv } from '../../engine/data/csv'
import { datasetFromIdx } from '../../engine/data/idx-dataset'
import { makeSynthetic, syntheticNames } from '../../engine/data/synthetic'
import { loadBuiltinMnist } from './mnist-files'
import { readWhole } from './read-whole'
import type { ByteStorage } from '../../engine/backend/types'

/** Where a run's data comes from: a built-in set or files on disk. */
export interface DataSource {
  /** 'mnist', a synthetic set's name, or a path to a CSV or IDX images file. */
  dataset: string
  /** The IDX labels file that goes with an IDX images file. */
  labels?: string
  /** A separate test set (CSV, or IDX images with testLabels). */
  test?: string
  testLabels?: string
  /** Use only the first n training samples (quick runs). */
  limit?: number
  /** Samples of a synthetic set (default 1000; its test set has a quarter as many). */
  samples?: number
  /** Seeds a synthetic set (its test set uses seed + 1). */
  seed?: number
}

export interface TrainingData {
  train: Dataset
  test: Dataset | null
  /** One line for humans: what was loaded. */
  description: string
}

function readBytes(path: string, storage?: ByteStorage): Uint8Array {
  try {
    return readWhole(path, storage)
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message
    throw new Error(`cannot read ${path}: ${reason}`, { cause: err })
  }
}

function loadFile(path: string, labels: string | undefined, storage?: ByteStorage): Dataset {
  if (/\.(csv|txt)(\.gz)?$/i.test(path)) return parseCsv(readBytes(path), { fileName: path })
  if (!labels) {
    throw new Error(
      `${path}: an IDX images file needs its labels file too (--labels <file>); CSV files end in .csv`
    )
  }
  return datasetFromIdx(readBytes(path, storage), readBytes(labels, storage), {
    name: basename(path).replace(/[-.]?(idx\d-ubyte|images).*$/i, '') || basename(path),
    imagesFile: path,
    labelsFile: labels
  })
}

/** Finds an imported data set by name (see imported-store.ts); undefined when there is none. */
export type ImportedResolver = (
  name: string
) => { train: Dataset; test: Dataset | null } | undefined

/**
 * Resolves a data source into training and test sets, with errors that say what is wrong. IDX
 * files (MNIST's too) are read into buffers from `storage` when given: a training worker's kernel
 * memory, where batches are then gathered in place.
 */
export function loadTrainingData(
  source: DataSource,
  imported?: ImportedResolver,
  storage?: ByteStorage
): TrainingData {
  let train: Dataset
  let test: Dataset | null = null
  if (source.dataset === 'mnist') {
    ;({ train, test } = loadBuiltinMnist(storage))
  } else if ((syntheticNames as readonly string[]).includes(source.dataset)) {
    const n = source.samples ?? 1000
    const seed = source.seed ?? 0
    train = makeSynthetic(source.dataset, { n, seed })
    test = makeSynthetic(source.dataset, { n: Math.max(1, Math.round(n / 4)), seed: seed + 1 })
  } else if (/[/\\.]/.test(source.dataset)) {
    train = loadFile(source.dataset, source.labels, storage)
    if (source.test) test = loadFile(source.test, source.testLabels, storage)
  } else {
    const found = imported?.(source.dataset)
    if (!found) {
      throw new Error(
        `unknown data set "${source.dataset}": use mnist, one of ${syntheticNames.join(', ')}, an imported set's name, or a path to a CSV or IDX file`
      )
    }
    ;({ train, test } = found)
  }
  if (source.limit !== undefined) {
    if (!Number.isInteger(source.limit) || source.limit < 1) {
      throw new Error(`limit must be a positive whole number, got ${source.limit}`)
    }
    train = train.limit(Math.min(source.limit, train.count))
  }
  const shape = train.featureShape.join('×')
  const description =
    `${train.name}: ${train.count} training samples of ${shape}` +
    (test ? `, ${test.count} test samples` : ', no test set') +
    (train.task === 'regression' ? ' (regression)' : `, ${train.numClasses} classes`)
  return { train, test, description }
}
