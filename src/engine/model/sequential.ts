/**
 * Sequential: a stack of layers trained by gradient descent, with Keras's API — add, build,
 * summary, compile, fit, evaluate, predict — and the state a checkpoint needs (weights, the
 * optimizer's state, the Rng's state) so a run resumes bit for bit.
 */
import type { TrainingModel } from '../callbacks/callback'
import type { Dataset } from '../data/dataset'
import { formatSampleShape, type Layer, type Weight } from '../layers/layer'
import { resolveLoss } from '../losses/index'
import { resolveMetric } from '../metrics'
import { createOptimizer, type Optimizer, type OptimizerConfig } from '../optimizers/index'
import { Rng, type RngState } from '../random'
import type { Compiled } from './compiled'
import { checkDataFits } from './data-check'
import { evaluationSteps, inOrder, predictRows, type Evaluation } from './evaluate'
import { fitLoop, type FitOptions } from './fit'
import type { History } from './history'
import { runAll } from './pacer'
import { PlanCache } from './plan'
import { parseSequentialSpec, sequentialSpec, type SequentialSpec } from './spec'
import { formatSummary } from './summary'

export type { SequentialSpec } from './spec'

/** The seed of a model built without one. */
export const DEFAULT_SEED = 42

export interface SequentialOptions {
  name?: string
  /** The per-sample input shape, e.g. [784]; or give it to the first layer. */
  inputShape?: readonly number[]
  /** Seeds the one Rng for initialisation, shuffling and dropout. */
  seed?: number
  layers?: Layer[]
}

export interface CompileOptions {
  /** An optimizer, a Keras name ('rmsprop') or { name, ...config } with Keras's keys. */
  optimizer: Optimizer | string | { name: string; [key: string]: unknown }
  /** A Keras loss name: categorical_crossentropy, mse, … */
  loss: string
  /** Keras metric names, logged under the names given ('accuracy', 'mae', …). */
  metrics?: string[]
}

export interface BatchOptions {
  batchSize?: number
}

export type RngSnapshot = { words: RngState; spareNormal: number | null }

export class Sequential implements TrainingModel {
  readonly name: string
  readonly seed: number
  readonly layers: Layer[] = []
  stopTraining = false
  stopReason: string | undefined = undefined
  /** The one Rng of the model: initial weights, then shuffling and dropout. */
  private readonly rng: Rng
  private readonly declaredInput: readonly number[] | null
  private builtInput: readonly number[] | null = null
  private compiled: Compiled | null = null
  private planCache: PlanCache | null = null

  constructor(options: SequentialOptions = {}) {
    this.name = options.name ?? 'sequential'
    this.seed = options.seed ?? DEFAULT_SEED
    this.rng = new Rng(this.seed)
    this.declaredInput = options.inputShape ? [...options.inputShape] : null
    for (const layer of options.layers ?? []) this.add(layer)
  }

  /** Appends a layer; on a built model it is built at once, and the model must be compiled again. */
  add(layer: Layer): this {
    if (layer.built)
      throw new Error(`layer ${layer.name} is already built: give each model its own layers`)
    if (!layer.hasName) layer.rename(this.freeName(layer.name))
    else if (this.layers.some((l) => l.name === layer.name)) {
      throw new Error(`the model already has a layer named "${layer.name}"`)
    }
    if (this.builtInput !== null) this.buildLayer(layer, this.outputShapeOf(this.layers.length - 1))
    this.layers.push(layer)
    this.compiled = null
    this.planCache = null
    return this
  }

  /** dense, dense_1, dense_2, … as Keras names layers, unique within this model. */
  private freeName(prefix: string): string {
    const taken = new Set(this.layers.map((l) => l.name))
    if (!taken.has(prefix)) return prefix
    let i = 1
    while (taken.has(`${prefix}_${i}`)) i++
    return `${prefix}_${i}`
  }

  /** The per-sample input shape, once known (declared, or from build or fit). */
  get inputShape(): readonly number[] | null {
    return this.builtInput ?? this.declaredInput ?? this.layers[0]?.inputShape ?? null
  }

  get built(): boolean {
    return this.builtInput !== null
  }

  /** Builds every layer, drawing the initial weights from the model's Rng in layer order. */
  build(inputShape?: readonly number[]): this {
    const shape = inputShape ?? this.inputShape
    if (shape === null) {
      throw new Error(
        'the model does not know its input shape: give inputShape to Sequential or its first layer, or call build([features])'
      )
    }
    if (this.builtInput !== null) {
      if (formatSampleShape(shape) === formatSampleShape(this.builtInput)) return this
      throw new Error(
        `the model was built for input ${formatSampleShape(this.builtInput)}, not ${formatSampleShape(shape)}`
      )
    }
    if (this.layers.length === 0)
      throw new Error('the model has no layers: add some before building it')
    let current = shape
    for (const layer of this.layers) current = this.buildLayer(layer, current)
    this.builtInput = [...shape]
    return this
  }

  private buildLayer(layer: Layer, input: readonly number[]): readonly number[] {
    if (layer.inputShape && formatSampleShape(layer.inputShape) !== formatSampleShape(input)) {
      throw new Error(
        `layer ${layer.name} expects input ${formatSampleShape(layer.inputShape)} but receives ${formatSampleShape(input)}`
      )
    }
    return layer.build(input, this.rng)
  }

  private outputShapeOf(index: number): readonly number[] {
    return index < 0 ? this.builtInput! : this.layers[index].outputShape!
  }

  private get inputSize(): number {
    return this.built ? this.builtInput!.reduce((p, d) => p * d, 1) : 0
  }

  /** Width of the model's output per sample. */
  get outputDim(): number {
    this.ensureBuilt()
    return this.outputShapeOf(this.layers.length - 1).reduce((p, d) => p * d, 1)
  }

  private ensureBuilt(): void {
    if (!this.built) this.build()
  }

  /** Every weight in Keras's order: each layer's kernel then bias. */
  get weights(): Weight[] {
    return this.layers.flatMap((l) => l.weights)
  }

  countParams(): number {
    this.ensureBuilt()
    return this.weights.reduce((n, w) => n + w.tensor.size, 0)
  }

  /** Keras 3's summary table; builds the model first when its input shape is known. */
  summary(): string {
    if (!this.built && this.inputShape !== null) this.build()
    return formatSummary(this.name, this.layers)
  }

  compile(options: CompileOptions): void {
    const loss = resolveLoss(options.loss)
    const metrics = (options.metrics ?? []).map((key) => ({ key, name: resolveMetric(key, loss) }))
    this.compiled = {
      loss,
      labels: loss === 'sparse_categorical_crossentropy' ? 'sparse' : 'onehot',
      metrics,
      optimizer: toOptimizer(options.optimizer)
    }
    this.planCache = null
  }

  get optimizer(): Optimizer {
    return this.requireCompiled().optimizer
  }

  /** Loss, metrics and optimizer as compiled, JSON-serialisable (Keras's compile_config). */
  get compileConfig(): { loss: string; metrics: string[]; optimizer: OptimizerConfig } {
    const c = this.requireCompiled()
    return {
      loss: c.loss,
      metrics: c.metrics.map((m) => m.key),
      optimizer: c.optimizer.getConfig()
    }
  }

  private requireCompiled(): Compiled {
    if (!this.compiled) throw new Error('compile the model first (optimizer, loss, metrics)')
    return this.compiled
  }

  private plans(): PlanCache {
    this.ensureBuilt()
    this.planCache ??= new PlanCache(
      { layers: this.layers, inputSize: this.inputSize, outputDim: this.outputDim, rng: this.rng },
      this.compiled && { loss: this.compiled.loss, sparse: this.compiled.labels === 'sparse' }
    )
    return this.planCache
  }

  /** Copies of every weight, in Keras's order. */
  getWeights(): Float32Array[] {
    this.ensureBuilt()
    return this.weights.map((w) => w.tensor.data.slice())
  }

  /** Writes weights in Keras's order into the model's own buffers (traced plans stay valid). */
  setWeights(values: readonly ArrayLike<number>[]): void {
    this.ensureBuilt()
    const weights = this.weights
    if (values.length !== weights.length) {
      throw new Error(`the model has ${weights.length} weight arrays, got ${values.length}`)
    }
    weights.forEach((w, i) => {
      if (values[i].length !== w.tensor.size) {
        throw new Error(`${w.name} holds ${w.tensor.size} values, got ${values[i].length}`)
      }
    })
    weights.forEach((w, i) => w.tensor.data.set(values[i]))
  }

  /** The Rng's state: saved with a checkpoint at an epoch boundary, restored to resume exactly. */
  getRngState(): RngSnapshot {
    return this.rng.getState()
  }

  setRngState(state: RngSnapshot): void {
    this.rng.setState({ words: [...state.words] as RngState, spareNormal: state.spareNormal })
  }

  toConfig(): SequentialSpec {
    return sequentialSpec(this.name, this.inputShape, this.layers)
  }

  /** A new, unbuilt model from toConfig()'s JSON (or Keras's), with fresh weights from `seed`. */
  static fromConfig(spec: SequentialSpec, options: { seed?: number } = {}): Sequential {
    const { name, inputShape, layers } = parseSequentialSpec(spec)
    return new Sequential({ name, inputShape, layers, seed: options.seed })
  }

  /** Trains on `data`; resolves with the History once training ends or is stopped. */
  async fit(data: Dataset, options: FitOptions = {}): Promise<History> {
    const compiled = this.requireCompiled()
    this.fitTo(data)
    if (options.validationData) this.fitTo(options.validationData)
    return fitLoop(
      {
        model: this,
        rng: this.rng,
        plans: this.plans(),
        compiled,
        params: this.weights.filter((w) => w.trainable).map((w) => w.tensor),
        outputDim: this.outputDim
      },
      data,
      options
    )
  }

  /** Mean loss and metrics over `data` in inference mode (dropout off). */
  evaluate(data: Dataset, options: BatchOptions = {}): Evaluation {
    const compiled = this.requireCompiled()
    this.fitTo(data)
    const steps = evaluationSteps(
      this.plans(),
      compiled,
      this.outputDim,
      data,
      batchSizeOf(options)
    )
    return runAll(steps)
  }

  /** Outputs [n, outputDim] row-major for a data set or for n rows of features. */
  predict(input: Dataset | Float32Array, options: BatchOptions = {}): Float32Array {
    const batchSize = batchSizeOf(options)
    if (input instanceof Float32Array) {
      this.ensureBuilt()
      const width = this.inputSize
      if (input.length % width !== 0) {
        throw new Error(`predict: ${input.length} values are not whole rows of ${width} features`)
      }
      return predictRows(
        this.plans(),
        this.outputDim,
        input.length / width,
        batchSize,
        (start, end, x) => x.set(input.subarray(start * width, end * width))
      )
    }
    this.fitTo(input, false)
    const order = inOrder(input.count)
    const targets = new Float32Array(batchSize * Math.max(1, input.targetDim))
    return predictRows(this.plans(), this.outputDim, input.count, batchSize, (start, end, x) =>
      input.fillBatch(order, start, end, x, targets, 'onehot')
    )
  }

  /** Builds the model for the data's samples if needed, then checks that the data fits. */
  private fitTo(data: Dataset, withTargets = true): void {
    if (!this.built && this.inputShape === null) this.build([data.featureSize])
    this.ensureBuilt()
    checkDataFits(data, this.inputSize, this.outputDim, withTargets ? this.requireCompiled() : null)
  }
}

function batchSizeOf(options: BatchOptions): number {
  const b = options.batchSize ?? 32
  if (!Number.isInteger(b) || b < 1)
    throw new Error(`batchSize must be a positive integer, got ${b}`)
  return b
}

function toOptimizer(spec: CompileOptions['optimizer']): Optimizer {
  if (typeof spec === 'string') return createOptimizer(spec)
  if ('apply' in spec && typeof spec.apply === 'function') return spec as Optimizer
  const { name, ...config } = spec
  return createOptimizer(String(name), config)
}
