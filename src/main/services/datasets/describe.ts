import type { DatasetInfo, DatasetSample } from '../../../contract/datasets'
import type { Dataset } from '../../../engine/data/dataset'
import { inOrder } from '../../../engine/model/evaluate'
import type { DatasetRecord } from '../../store/datasets-repo'

/** A built-in set's entry, from its loaded splits. */
export function builtinInfo(
  name: string,
  description: string,
  train: Dataset,
  test: Dataset | null,
  samples: number
): DatasetInfo {
  return {
    name,
    source: 'builtin',
    description,
    format: null,
    task: train.task,
    count: train.count,
    testCount: test?.count ?? null,
    featureShape: [...train.featureShape],
    imageShape: train.imageShape,
    numClasses: train.numClasses,
    classNames: train.classNames,
    classCounts: train.classCounts(),
    createdAt: null,
    samples: gallery(train, samples)
  }
}

/** An imported set's entry, from its row; `train` is needed only when samples are asked for. */
export function importedInfo(
  record: DatasetRecord,
  train: Dataset | null,
  samples: number
): DatasetInfo {
  const split = record.testCount === null ? 'no test split' : `${record.testCount} test samples`
  return {
    name: record.name,
    source: 'imported',
    description: `Imported from ${record.format.toUpperCase()} files: ${record.count} training samples, ${split}`,
    format: record.format,
    task: record.task,
    count: record.count,
    testCount: record.testCount,
    featureShape: record.featureShape,
    imageShape: record.imageShape,
    numClasses: record.numClasses,
    classNames: record.classNames,
    classCounts: record.classCounts,
    createdAt: record.createdAt,
    samples: train ? gallery(train, samples) : []
  }
}

/** The first n samples: grey levels for images, feature values otherwise, with their targets. */
export function gallery(data: Dataset, n: number): DatasetSample[] {
  const count = Math.min(n, data.count)
  if (count === 0) return []
  const classification = data.task !== 'regression'
  const width = classification ? 1 : data.targetDim
  const x = new Float32Array(count * data.featureSize)
  const y = new Float32Array(count * width)
  data.fillBatch(inOrder(count), 0, count, x, y, classification ? 'sparse' : 'onehot')
  return Array.from({ length: count }, (_, i) => {
    const features = x.subarray(i * data.featureSize, (i + 1) * data.featureSize)
    return {
      index: i,
      label: classification ? y[i] : null,
      target: classification ? null : Array.from(y.subarray(i * width, (i + 1) * width)),
      pixels: data.imageShape ? greyLevels(features) : null,
      features: data.imageShape ? null : Array.from(features)
    }
  })
}

/** Features in [0, 1] as base64 grey levels 0..255 (values outside are clipped). */
export function greyLevels(features: Float32Array): string {
  const bytes = Uint8Array.from(features, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255))
  return Buffer.from(bytes).toString('base64')
}
