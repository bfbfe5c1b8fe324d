import { getBackend } from '../backend/index'

export type Task = 'multiclass' | 'binary' | 'regression'

/** How fillBatch writes targets: one row of targetDim values per sample, or one class index. */
export type LabelEncoding = 'onehot' | 'sparse'

export interface Uint8DatasetOptions {
  name: string
  /** count × featureSize raw values, multiplied by `scale` when a batch is filled. */
  features: Uint8Array
  featureShape: number[]
  imageShape?: [number, number] | null
  scale: number
  /** One class index per sample. */
  labels: Int32Array
  numClasses: number
  classNames?: string[] | null
  /** 'binary' needs numClasses 2 and gives targetDim 1. */
  task?: 'multiclass' | 'binary'
}

export interface Float32DatasetOptions {
  name: string
  features: Float32Array
  featureShape: number[]
  imageShape?: [number, number] | null
  task: Task
  /** Class indices (Int32Array) for classification; count × targetDim targets for regression. */
  labels: Int32Array | Float32Array
  /** Multiclass: defaults to the largest label + 1. Binary: always 2. Regression: 0. */
  numClasses?: number
  /** Regression only: defaults to labels.length / count. */
  targetDim?: number
  classNames?: string[] | null
}

interface Fields {
  name: string
  count: number
  featureShape: number[]
  imageShape: [number, number] | null
  task: Task
  numClasses: number
  targetDim: number
  classNames: string[] | null
  features: Uint8Array | Float32Array
  scale: number
  labels: Int32Array | Float32Array
}

/**
 * Samples and their targets, stored compactly: uint8 features stay uint8 until a batch is
 * filled (MNIST's 60000×784 pixels are 47 MB instead of 188 MB as float32).
 * Slices are views that share storage; nothing here is mutated after construction.
 */
export class Dataset {
  readonly name: string
  readonly count: number
  /** Per-sample shape as the model sees it, e.g. [784]. */
  readonly featureShape: number[]
  /** [height, width] when the samples are grey-scale images (for display), else null. */
  readonly imageShape: [number, number] | null
  readonly task: Task
  /** Classes for multiclass and binary (binary = 2), 0 for regression. */
  readonly numClasses: number
  /** Output width a model needs: numClasses for multiclass, 1 for binary, target columns for regression. */
  readonly targetDim: number
  classNames: string[] | null
  private readonly features: Uint8Array | Float32Array
  private readonly scale: number
  private readonly labels: Int32Array | Float32Array
  private readonly size: number

  private constructor(fields: Fields) {
    this.name = fields.name
    this.count = fields.count
    this.featureShape = fields.featureShape
    this.imageShape = fields.imageShape
    this.task = fields.task
    this.numClasses = fields.numClasses
    this.targetDim = fields.targetDim
    this.classNames = fields.classNames
    this.features = fields.features
    this.scale = fields.scale
    this.labels = fields.labels
    this.size = product(fields.featureShape)
  }

  static fromUint8(opts: Uint8DatasetOptions): Dataset {
    if (!(Number.isFinite(opts.scale) && opts.scale > 0)) {
      throw new RangeError(`scale must be a positive number, got ${opts.scale}`)
    }
    const task = opts.task ?? 'multiclass'
    return Dataset.checked({
      name: opts.name,
      count: sampleCount(opts.features.length, opts.featureShape),
      featureShape: [...opts.featureShape],
      imageShape: opts.imageShape ?? null,
      task,
      numClasses: opts.numClasses,
      targetDim: task === 'binary' ? 1 : opts.numClasses,
      classNames: opts.classNames ?? null,
      features: opts.features,
      scale: opts.scale,
      labels: opts.labels
    })
  }

  static fromFloat32(opts: Float32DatasetOptions): Dataset {
    const count = sampleCount(opts.features.length, opts.featureShape)
    let numClasses: number
    let targetDim: number
    if (opts.task === 'regression') {
      numClasses = opts.numClasses ?? 0
      targetDim = opts.targetDim ?? (count === 0 ? 1 : opts.labels.length / count)
    } else {
      numClasses =
        opts.task === 'binary'
          ? (opts.numClasses ?? 2)
          : (opts.numClasses ?? maxPlusOne(opts.labels))
      targetDim = opts.task === 'binary' ? 1 : numClasses
    }
    return Dataset.checked({
      name: opts.name,
      count,
      featureShape: [...opts.featureShape],
      imageShape: opts.imageShape ?? null,
      task: opts.task,
      numClasses,
      targetDim,
      classNames: opts.classNames ?? null,
      features: opts.features,
      scale: 1,
      labels: opts.labels
    })
  }

  /** Validates what a caller handed in; views made from a valid dataset skip this. */
  private static checked(f: Fields): Dataset {
    const { count, task, numClasses, targetDim, labels, classNames, imageShape } = f
    if (imageShape && imageShape[0] * imageShape[1] !== product(f.featureShape)) {
      throw new RangeError(
        `imageShape ${imageShape.join('×')} does not hold ${product(f.featureShape)} features`
      )
    }
    if (task === 'regression') {
      if (!(labels instanceof Float32Array)) {
        throw new TypeError('regression targets must be a Float32Array')
      }
      if (numClasses !== 0) throw new RangeError('a regression data set has numClasses 0')
      if (!(Number.isInteger(targetDim) && targetDim >= 1) || labels.length !== count * targetDim) {
        throw new RangeError(
          `${labels.length} targets do not make ${count} samples × targetDim ${targetDim}`
        )
      }
      if (classNames) throw new RangeError('a regression data set has no class names')
    } else {
      if (!(labels instanceof Int32Array)) throw new TypeError('class labels must be an Int32Array')
      if (task === 'binary' && numClasses !== 2) {
        throw new RangeError('binary classification has numClasses 2')
      }
      if (!(Number.isInteger(numClasses) && numClasses >= 2)) {
        throw new RangeError(`numClasses must be an integer ≥ 2, got ${numClasses}`)
      }
      if (labels.length !== count) {
        throw new RangeError(`${labels.length} labels for ${count} samples`)
      }
      for (let i = 0; i < count; i++) {
        if (labels[i] < 0 || labels[i] >= numClasses) {
          throw new RangeError(`label ${labels[i]} of sample ${i} is outside 0..${numClasses - 1}`)
        }
      }
      if (classNames && classNames.length !== numClasses) {
        throw new RangeError(`${classNames.length} class names for ${numClasses} classes`)
      }
    }
    return new Dataset(f)
  }

  get featureSize(): number {
    return this.size
  }

  /** Samples start..end-1 as a view sharing this data set's storage. */
  slice(start: number, end: number): Dataset {
    if (!(
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      0 <= start &&
      start <= end &&
      end <= this.count
    )) {
      throw new RangeError(`slice(${start}, ${end}) is outside 0..${this.count}`)
    }
    const rows = this.task === 'regression' ? this.targetDim : 1
    return new Dataset({
      ...this.fields(),
      count: end - start,
      features: this.features.subarray(start * this.size, end * this.size),
      labels: this.labels.subarray(start * rows, end * rows)
    })
  }

  /** A copy holding the chosen samples, in the order given (repeats allowed). */
  take(indices: ArrayLike<number>): Dataset {
    const n = indices.length
    const rows = this.task === 'regression' ? this.targetDim : 1
    const features =
      this.features instanceof Uint8Array
        ? new Uint8Array(n * this.size)
        : new Float32Array(n * this.size)
    const labels =
      this.labels instanceof Int32Array ? new Int32Array(n * rows) : new Float32Array(n * rows)
    for (let b = 0; b < n; b++) {
      const i = this.checkIndex(indices[b])
      features.set(this.features.subarray(i * this.size, (i + 1) * this.size), b * this.size)
      labels.set(this.labels.subarray(i * rows, (i + 1) * rows), b * rows)
    }
    return new Dataset({ ...this.fields(), count: n, features, labels })
  }

  /** The first n samples (all of them when n ≥ count), as a view. */
  limit(n: number): Dataset {
    if (!(Number.isInteger(n) && n >= 0)) {
      throw new RangeError(`limit needs a whole number ≥ 0, got ${n}`)
    }
    return this.slice(0, Math.min(n, this.count))
  }

  /**
   * Keras's validation_split: the LAST `fraction` of the samples, taken before any shuffling,
   * becomes the validation set (split at floor(count·(1 − fraction)), as keras/src does).
   */
  splitValidation(fraction: number): { train: Dataset; validation: Dataset } {
    if (!(fraction > 0 && fraction < 1)) {
      throw new RangeError(
        `the validation fraction must lie strictly between 0 and 1, got ${fraction}`
      )
    }
    const splitAt = Math.floor(this.count * (1 - fraction))
    if (splitAt === 0 || splitAt === this.count) {
      throw new RangeError(
        `${this.count} samples cannot be split into training and validation sets with fraction ${fraction}`
      )
    }
    return { train: this.slice(0, splitAt), validation: this.slice(splitAt, this.count) }
  }

  /**
   * Writes samples order[start..end) into preallocated buffers; allocates nothing (the training
   * hot path). x gets (end−start) × featureSize scaled features. y gets, for 'onehot',
   * (end−start) × targetDim values (one-hot rows for multiclass, 0/1 for binary, regression
   * targets as they are); for 'sparse', (end−start) class indices as floats.
   */
  fillBatch(
    order: Uint32Array,
    start: number,
    end: number,
    x: Float32Array,
    y: Float32Array,
    labels: LabelEncoding
  ): void {
    const n = end - start
    const yWidth = labels === 'onehot' ? this.targetDim : 1
    if (!(
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      0 <= start &&
      start <= end &&
      end <= order.length
    )) {
      throw new RangeError(`batch ${start}..${end} is outside the order's 0..${order.length}`)
    }
    if (x.length < n * this.size) {
      throw new RangeError(`x holds ${x.length} values, the batch needs ${n * this.size}`)
    }
    if (y.length < n * yWidth) {
      throw new RangeError(`y holds ${y.length} values, the batch needs ${n * yWidth}`)
    }
    if (labels === 'sparse' && this.task === 'regression') {
      throw new RangeError('sparse labels need a classification data set')
    }
    for (let b = 0; b < n; b++) this.checkIndex(order[start + b])
    const f = this.features
    if (f instanceof Uint8Array) {
      // The backend's kernel: uint8 to float32 in one pass (SIMD on WebAssembly).
      getBackend().gatherScaledRows(f, this.size, order, start, end, this.scale, x)
    } else {
      for (let b = 0; b < n; b++) this.copyFeatures(order[start + b], x, b * this.size)
    }
    for (let b = 0; b < n; b++) this.writeTarget(order[start + b], y, b * yWidth, labels)
  }

  /** The class index of sample i (classification only). */
  labelOf(i: number): number {
    if (this.task === 'regression') {
      throw new RangeError('a regression data set has no class labels')
    }
    return this.labels[this.checkIndex(i)]
  }

  /** Samples per class (empty for regression). */
  classCounts(): number[] {
    const counts = new Array<number>(this.numClasses).fill(0)
    if (this.task !== 'regression') for (let i = 0; i < this.count; i++) counts[this.labels[i]]++
    return counts
  }

  /** One sample's features, scaled, in a new array (for display and prediction). */
  sampleFeatures(i: number): Float32Array {
    const out = new Float32Array(this.size)
    this.copyFeatures(this.checkIndex(i), out, 0)
    return out
  }

  private copyFeatures(i: number, out: Float32Array, offset: number): void {
    const size = this.size
    const from = i * size
    const f = this.features
    if (f instanceof Uint8Array) {
      const scale = this.scale
      for (let j = 0; j < size; j++) out[offset + j] = f[from + j] * scale
    } else {
      for (let j = 0; j < size; j++) out[offset + j] = f[from + j]
    }
  }

  private writeTarget(i: number, y: Float32Array, offset: number, encoding: LabelEncoding): void {
    const t = this.labels
    if (this.task === 'regression') {
      const width = this.targetDim
      for (let j = 0; j < width; j++) y[offset + j] = t[i * width + j]
    } else if (encoding === 'sparse' || this.task === 'binary') {
      y[offset] = t[i]
    } else {
      y.fill(0, offset, offset + this.targetDim)
      y[offset + t[i]] = 1
    }
  }

  private checkIndex(i: number): number {
    if (!(Number.isInteger(i) && i >= 0 && i < this.count)) {
      throw new RangeError(`sample ${i} is outside 0..${this.count - 1}`)
    }
    return i
  }

  private fields(): Fields {
    return {
      name: this.name,
      count: this.count,
      featureShape: this.featureShape,
      imageShape: this.imageShape,
      task: this.task,
      numClasses: this.numClasses,
      targetDim: this.targetDim,
      classNames: this.classNames,
      features: this.features,
      scale: this.scale,
      labels: this.labels
    }
  }
}

function product(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1)
}

function sampleCount(length: number, featureShape: number[]): number {
  if (featureShape.length === 0 || !featureShape.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new RangeError(`featureShape must be whole numbers ≥ 1, got [${featureShape.join(', ')}]`)
  }
  const size = product(featureShape)
  if (length % size !== 0) {
    throw new RangeError(`${length} feature values are not a whole number of ${size}-value samples`)
  }
  return length / size
}

function maxPlusOne(labels: Int32Array | Float32Array): number {
  let max = -1
  for (let i = 0; i < labels.length; i++) if (labels[i] > max) max = labels[i]
  return max + 1
}
