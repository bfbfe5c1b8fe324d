/** The `datasets` family of the API: calls and events. */
import { z } from 'zod'
import type { Task } from '../engine/data/dataset'
import { call } from './define'

/**
 * An imported set's name: letters, digits, '-' and '_' (it names a folder in the data folder and
 * must never read as a file path, which `--dataset` also accepts).
 */
export const datasetName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
    'a data set name is 1 to 64 letters, digits, "-" or "_", starting with a letter or digit'
  )
  .refine(
    (name) => !/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(name),
    'that name is reserved by Windows'
  )

/** Samples a gallery may ask for at once. */
export const MAX_GALLERY_SAMPLES = 64

const gallerySamples = z.int().min(0).max(MAX_GALLERY_SAMPLES).optional()

export const datasetsListInput = z.object({ samples: gallerySamples }).strict()

export const datasetsGetInput = z
  .object({ name: z.string().min(1).max(200), samples: gallerySamples })
  .strict()

export const importFileRoles = [
  'images',
  'labels',
  'testImages',
  'testLabels',
  'csv',
  'testCsv'
] as const
export type ImportFileRole = (typeof importFileRoles)[number]

export const datasetsImportInput = z
  .object({
    name: datasetName,
    format: z.enum(['idx', 'csv']),
    /** Each file's bytes as base64 (raw or gzipped IDX, CSV text raw or gzipped). */
    files: z.partialRecord(z.enum(importFileRoles), z.base64()),
    /** CSV only: the label column's header name or 0-based index (default: detected). */
    labelColumn: z.union([z.string().min(1).max(200), z.int().min(0)]).optional()
  })
  .strict()

export const datasetsDeleteInput = z.object({ name: datasetName }).strict()

/** One sample for a gallery: pixels for an image set, feature values otherwise. */
export interface DatasetSample {
  index: number
  /** Class index (classification), else null. */
  label: number | null
  /** Regression targets, else null. */
  target: number[] | null
  /** Image sets: imageShape's height × width grey levels 0..255, row-major, as base64. */
  pixels: string | null
  /** Other sets: the feature values. */
  features: number[] | null
}

export interface DatasetInfo {
  name: string
  source: 'builtin' | 'imported'
  /** What the set is, in a sentence. */
  description: string
  /** Imported sets: the format of their files. */
  format: 'idx' | 'csv' | null
  task: Task
  /** Training samples. */
  count: number
  /** Test samples, or null without a test split. */
  testCount: number | null
  featureShape: number[]
  /** [height, width] for grey-scale image sets, else null. */
  imageShape: [number, number] | null
  /** 0 for regression. */
  numClasses: number
  classNames: string[] | null
  /** Training samples per class (empty for regression). */
  classCounts: number[]
  /** Imported sets: when (ms since epoch); built-in ones: null. */
  createdAt: number | null
  /** The first samples of the training split, as many as asked for. */
  samples: DatasetSample[]
}

export interface DatasetsDeleteOutput {
  name: string
  deleted: true
}

export const datasetsCalls = {
  /** Built-in and imported data sets. */
  'datasets.list': call<typeof datasetsListInput, DatasetInfo[]>(datasetsListInput),
  /** One data set, with its first `samples` samples for a gallery. */
  'datasets.get': call<typeof datasetsGetInput, DatasetInfo>(datasetsGetInput),
  /** Validates every file, then keeps them in the data folder; a bad file changes nothing. */
  'datasets.import': call<typeof datasetsImportInput, DatasetInfo>(datasetsImportInput),
  /** Removes an imported set (its files and row); built-in sets cannot be deleted. */
  'datasets.delete': call<typeof datasetsDeleteInput, DatasetsDeleteOutput>(datasetsDeleteInput)
} as const

export interface DatasetsEvents {
  /** A data set was imported or deleted (by any door of this process). */
  'datasets.changed': { name: string; change: 'imported' | 'deleted' }
}
