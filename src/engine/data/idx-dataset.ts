import { Dataset } from './dataset'
import { idxError, parseIdx } from './idx'

export interface IdxDatasetOptions {
  name: string
  imagesFile: string
  labelsFile: string
  /** Expected classes; labels outside 0..numClasses-1 are errors. Default: the largest label + 1. */
  numClasses?: number
  classNames?: string[]
}

/** More classes than this from a labels file means it is not a labels file. */
const MAX_CLASSES = 65536

/**
 * A classification data set from an IDX images file (count × …) and an IDX labels file (count).
 * ubyte images stay uint8 and are scaled by 1/255 per batch; other types become float32 as they are.
 */
export function datasetFromIdx(
  images: Uint8Array,
  labels: Uint8Array,
  opts: IdxDatasetOptions
): Dataset {
  const x = parseIdx(images, opts.imagesFile)
  const y = parseIdx(labels, opts.labelsFile)
  const failX = (position: number, problem: string) =>
    idxError(opts.imagesFile, x.gzipped, position, problem)
  const failY = (position: number, problem: string) =>
    idxError(opts.labelsFile, y.gzipped, position, problem)

  if (x.dims.length < 2) {
    throw failX(
      3,
      `dimension count mismatch: an images file needs at least 2 dimensions (count × features), this one has 1`
    )
  }
  if (y.dims.length !== 1) {
    throw failY(
      3,
      `dimension count mismatch: a labels file has 1 dimension, this one has ${y.dims.length}`
    )
  }
  if (y.type === 'float' || y.type === 'double') {
    throw failY(2, `labels must be integers, this file holds ${y.type}s`)
  }
  const count = x.dims[0]
  if (y.dims[0] !== count) {
    throw failY(
      4,
      `label/image count mismatch: ${y.dims[0]} labels in ${opts.labelsFile}, ${count} images in ${opts.imagesFile}`
    )
  }
  if (count === 0) throw failX(4, 'the file holds no samples')

  const limit = opts.numClasses ?? MAX_CLASSES
  const classLabels = Int32Array.from(y.data)
  const elementSize = y.data.BYTES_PER_ELEMENT
  let numClasses = 0
  for (let i = 0; i < count; i++) {
    const label = classLabels[i]
    if (label < 0 || label >= limit) {
      throw failY(
        y.dataOffset + i * elementSize,
        `label ${label} of sample ${i} is out of range 0..${limit - 1}`
      )
    }
    numClasses = Math.max(numClasses, label + 1)
  }
  numClasses = opts.numClasses ?? Math.max(numClasses, 2)

  const featureShape = [x.dims.slice(1).reduce((a, b) => a * b, 1)]
  const imageShape: [number, number] | null = x.dims.length === 3 ? [x.dims[1], x.dims[2]] : null
  const common = {
    name: opts.name,
    featureShape,
    imageShape,
    labels: classLabels,
    numClasses,
    classNames: opts.classNames
  }
  return x.data instanceof Uint8Array
    ? Dataset.fromUint8({ ...common, features: x.data, scale: 1 / 255 })
    : Dataset.fromFloat32({ ...common, task: 'multiclass', features: Float32Array.from(x.data) })
}
