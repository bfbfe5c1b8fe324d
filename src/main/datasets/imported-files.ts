import type { ImportFileRole } from '../../contract/datasets'
import { parseCsv } from '../../engine/data/csv'
import { Dataset } from '../../engine/data/dataset'
import { DataError } from '../../engine/data/errors'
import { datasetFromIdx } from '../../engine/data/idx-dataset'
import { inOrder } from '../../engine/model/evaluate'

/** The files of an imported data set by role, as bytes; errors name a file by its role. */
export type ImportFiles = Partial<Record<ImportFileRole, Uint8Array>>

export interface ImportFormat {
  format: 'idx' | 'csv'
  /** CSV: the label column's header name or 0-based index (default: detected). */
  labelColumn?: string | number | null
}

const ROLES: Record<
  ImportFormat['format'],
  { required: ImportFileRole[]; optional: ImportFileRole[] }
> = {
  idx: { required: ['images', 'labels'], optional: ['testImages', 'testLabels'] },
  csv: { required: ['csv'], optional: ['testCsv'] }
}

/** What is wrong with the set of files given for a format, or null when it is complete. */
export function missingFiles(
  format: ImportFormat['format'],
  given: readonly string[]
): string | null {
  const { required, optional } = ROLES[format]
  const allowed: readonly string[] = [...required, ...optional]
  const foreign = given.filter((role) => !allowed.includes(role))
  if (foreign.length)
    return `${format} import takes ${allowed.join(', ')}; not ${foreign.join(', ')}`
  const missing = required.filter((role) => !given.includes(role))
  if (missing.length) return `${format} import needs ${missing.join(' and ')}`
  if (format === 'idx' && given.includes('testImages') !== given.includes('testLabels')) {
    return 'testImages and testLabels go together'
  }
  return null
}

/**
 * Parses and cross-checks every file of an import: the training split and, when given, the test
 * split with the same features and classes. Throws the parser's DataError for the first problem.
 */
export function parseImportFiles(
  name: string,
  how: ImportFormat,
  files: ImportFiles
): { train: Dataset; test: Dataset | null } {
  const problem = missingFiles(how.format, Object.keys(files))
  if (problem) throw new Error(problem)
  const split = how.format === 'idx' ? parseIdxPair(name, files) : parseCsvPair(name, how, files)
  if (split.test)
    checkSameFeatures(split.train, split.test, how.format === 'idx' ? 'testImages' : 'testCsv')
  return split
}

function parseIdxPair(name: string, files: ImportFiles): { train: Dataset; test: Dataset | null } {
  const read = (
    images: ImportFileRole,
    labels: ImportFileRole,
    setName: string,
    numClasses?: number
  ) =>
    datasetFromIdx(files[images]!, files[labels]!, {
      name: setName,
      imagesFile: images,
      labelsFile: labels,
      numClasses
    })
  let train = read('images', 'labels', name)
  if (!files.testImages) return { train, test: null }
  let test = read('testImages', 'testLabels', `${name}-test`)
  // The classes are the labels seen in either split, so both agree on the model's outputs.
  const classes = Math.max(train.numClasses, test.numClasses)
  if (train.numClasses < classes) train = read('images', 'labels', name, classes)
  if (test.numClasses < classes) test = read('testImages', 'testLabels', `${name}-test`, classes)
  return { train, test }
}

function parseCsvPair(
  name: string,
  how: ImportFormat,
  files: ImportFiles
): { train: Dataset; test: Dataset | null } {
  const labelColumn = how.labelColumn ?? undefined
  const train = parseCsv(files.csv!, { fileName: 'csv', name, labelColumn })
  if (!files.testCsv) return { train, test: null }
  const test = parseCsv(files.testCsv, {
    fileName: 'testCsv',
    name: `${name}-test`,
    labelColumn,
    task: train.task
  })
  return { train, test: withClassesOf(test, train, 'testCsv') }
}

/**
 * The test split relabelled with the training split's class numbers: CSV classes are numbered in
 * sorted order per file, so a test file lacking a class would otherwise shift the others.
 */
function withClassesOf(test: Dataset, train: Dataset, file: string): Dataset {
  const names = train.classNames
  if (!names || !test.classNames) return test
  if (test.classNames.every((c, k) => names[k] === c) && test.numClasses === train.numClasses)
    return test
  const index = new Map(names.map((c, k) => [c, k]))
  const stranger = test.classNames.find((c) => !index.has(c))
  if (stranger !== undefined) {
    throw new DataError(
      file,
      `label "${stranger}" does not occur in the training file, whose classes are ${names.join(', ')}`
    )
  }
  const features = new Float32Array(test.count * test.featureSize)
  const own = new Float32Array(test.count)
  test.fillBatch(inOrder(test.count), 0, test.count, features, own, 'sparse')
  const labels = Int32Array.from(own, (k) => index.get(test.classNames![k])!)
  return Dataset.fromFloat32({
    name: test.name,
    features,
    featureShape: test.featureShape,
    task: train.task,
    labels,
    numClasses: train.numClasses,
    classNames: [...names]
  })
}

function checkSameFeatures(train: Dataset, test: Dataset, file: string): void {
  const shape = (d: Dataset) => (d.imageShape ?? d.featureShape).join('×')
  if (shape(train) !== shape(test)) {
    throw new DataError(
      file,
      `the test samples have ${shape(test)} features, the training samples ${shape(train)}`
    )
  }
  if (train.task !== test.task || train.targetDim !== test.targetDim) {
    throw new DataError(
      file,
      `the test split is a ${test.task} set with ${test.targetDim} target(s), the training split a ${train.task} set with ${train.targetDim}`
    )
  }
}
