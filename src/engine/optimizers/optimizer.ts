/**
 * The optimizer contract and the step pipeline every optimizer shares, in Keras 3's order:
 * clip gradients → decoupled weight decay → the optimizer's update rule → iterations += 1.
 * Optimizers work on plain Float32Array lists; each subclass only declares its slots and the
 * update rule for one variable. State is explicit (getState/setState) so a checkpoint resumes
 * bit for bit.
 */
import { getBackend } from '../backend/index'
import { clipByGlobalNorm, clipByValue, clipEachByNorm } from './clipping'
import {
  resolveOptions,
  type Hyperparameters,
  type OptimizerSpec,
  type PipelineOptions
} from './hyperparameters'
import { check, rules, show } from './rules'
import type { LearningRateConfig, LearningRateSchedule } from './schedules'

/** JSON-serialisable: the name, the rate (number or schedule), every hyperparameter, the pipeline. */
export interface OptimizerConfig {
  name: string
  learning_rate: LearningRateConfig
  weight_decay: number | null
  clipnorm: number | null
  global_clipnorm: number | null
  clipvalue: number | null
  [hyperparameter: string]: LearningRateConfig | string | boolean | null
}

export interface OptimizerState {
  iterations: number
  /** Copies of every slot, by Keras's slot name, one array per variable (Nadam's u_product: one scalar). */
  slots: Record<string, Float32Array[]>
  /** The rate set by setLearningRate, or null while the configured schedule is in charge. */
  learningRate: number | null
}

export interface Optimizer {
  readonly name: string
  iterations: number
  /** Creates the slots once, shaped like params. */
  build(params: Float32Array[]): void
  /** One step, in place (grads may be clipped in place); allocates nothing after build. */
  apply(params: Float32Array[], grads: Float32Array[]): void
  /** The rate the next step uses: the schedule at `iterations`, unless overridden. */
  get learningRate(): number
  /** Replaces the schedule by a constant (ReduceLROnPlateau, LearningRateScheduler). */
  setLearningRate(lr: number): void
  getConfig(): OptimizerConfig
  getState(): OptimizerState
  setState(state: OptimizerState): void
}

export interface SlotSpec {
  /** Keras's name for it: momentum, velocity, accumulator, … */
  readonly name: string
  /** The value every element starts from (Adagrad's initial accumulator, Nadam's product 1). */
  readonly initial: number
  /** One scalar for the whole optimizer instead of one array per variable (Nadam's u_product). */
  readonly scalar?: boolean
}

export abstract class BaseOptimizer<
  H extends Hyperparameters = Hyperparameters
> implements Optimizer {
  readonly name: string
  iterations = 0
  protected readonly hyperparameters: H
  private readonly pipeline: PipelineOptions
  private readonly schedule: LearningRateSchedule
  private rateOverride: number | null = null
  private readonly slotArrays: Record<string, Float32Array[]> = {}
  /** Element count of each variable once built. */
  private lengths: number[] | null = null

  constructor(spec: OptimizerSpec<H>, config: Readonly<Record<string, unknown>>) {
    const options = resolveOptions(spec, config)
    this.name = spec.name
    this.hyperparameters = options.hyperparameters
    this.schedule = options.schedule
    this.pipeline = options.pipeline
  }

  /** The slots this configuration needs, with Keras's names. */
  protected abstract slotSpecs(): readonly SlotSpec[]

  /** The update rule for variable `index`, given its (clipped) gradient; t counts steps from 1. */
  protected abstract updateVariable(
    index: number,
    w: Float32Array,
    g: Float32Array,
    lr: number,
    t: number
  ): void

  /** Work done once per step before the variables are updated (bias corrections, Nadam's product). */
  protected prepareStep(_t: number, _lr: number): void {}

  /** The live slot arrays (read them, e.g. to show Adam's second moments; do not replace them). */
  get slots(): Readonly<Record<string, readonly Float32Array[]>> {
    return this.slotArrays
  }

  build(params: Float32Array[]): void {
    if (this.lengths) return this.checkShapes('params', params)
    // In the backend's memory, beside the parameters, so that its update kernels run in place.
    for (const slot of this.slotSpecs()) {
      this.slotArrays[slot.name] = slot.scalar
        ? [new Float32Array([slot.initial])]
        : params.map((p) => getBackend().alloc(p.length).fill(slot.initial))
    }
    this.lengths = params.map((p) => p.length)
  }

  apply(params: Float32Array[], grads: Float32Array[]): void {
    this.build(params)
    this.checkShapes('grads', grads)
    const lr = this.learningRate
    const { weight_decay: wd, clipnorm, global_clipnorm: globalClipnorm, clipvalue } = this.pipeline
    if (clipnorm !== null) clipEachByNorm(grads, clipnorm)
    else if (globalClipnorm !== null) clipByGlobalNorm(grads, globalClipnorm)
    else if (clipvalue !== null) clipByValue(grads, clipvalue)
    if (wd !== null && wd !== 0) {
      for (let i = 0; i < params.length; i++) getBackend().weightDecay(params[i], wd * lr)
    }
    const t = this.iterations + 1
    this.prepareStep(t, lr)
    for (let i = 0; i < params.length; i++) this.updateVariable(i, params[i], grads[i], lr, t)
    this.iterations = t
  }

  get learningRate(): number {
    return this.rateOverride ?? this.schedule.at(this.iterations)
  }

  setLearningRate(lr: number): void {
    check(this.name, 'learning_rate', lr, rules.nonNegative)
    this.rateOverride = lr
  }

  getConfig(): OptimizerConfig {
    return {
      name: this.name,
      learning_rate: this.rateOverride ?? this.schedule.config(),
      ...this.hyperparameters,
      ...this.pipeline
    }
  }

  getState(): OptimizerState {
    const slots: Record<string, Float32Array[]> = {}
    for (const [name, arrays] of Object.entries(this.slotArrays)) {
      slots[name] = arrays.map((a) => a.slice())
    }
    return { iterations: this.iterations, slots, learningRate: this.rateOverride }
  }

  /** Restores a getState() snapshot; before build it also creates the slots from it. */
  setState(state: OptimizerState): void {
    if (!Number.isSafeInteger(state.iterations) || state.iterations < 0) {
      throw new Error(
        `${this.name}: state.iterations must be an integer >= 0; got ${show(state.iterations)}`
      )
    }
    if (state.learningRate !== null) {
      check(this.name, 'state.learningRate', state.learningRate, rules.nonNegative)
    }
    const specs = this.slotSpecs()
    const expected = specs.map((s) => s.name).sort()
    const given = Object.keys(state.slots).sort()
    if (expected.join() !== given.join()) {
      throw new Error(
        `${this.name}: state has slots [${given.join(', ')}]; this configuration has [${expected.join(', ')}]`
      )
    }
    // Unbuilt: the variables' shapes are those of the state's first per-variable slot.
    const shapeSource = specs.find((s) => !s.scalar)?.name
    const lengths =
      this.lengths ?? (shapeSource ? state.slots[shapeSource].map((a) => a.length) : [])
    for (const slot of specs) {
      const name = `state.slots.${slot.name}`
      this.checkShapeList(name, state.slots[slot.name], slot.scalar ? [1] : lengths)
    }
    if (!this.lengths && shapeSource) this.build(state.slots[shapeSource])
    for (const slot of specs) {
      state.slots[slot.name].forEach((a, i) => this.slotArrays[slot.name][i].set(a))
    }
    this.iterations = state.iterations
    this.rateOverride = state.learningRate
  }

  private checkShapes(what: string, arrays: Float32Array[]): void {
    if (this.lengths) this.checkShapeList(what, arrays, this.lengths)
  }

  /** Plain loops and no message built unless something is wrong: this runs every step. */
  private checkShapeList(
    what: string,
    arrays: readonly Float32Array[],
    lengths: readonly number[]
  ) {
    let ok = arrays.length === lengths.length
    for (let i = 0; ok && i < lengths.length; i++) ok = arrays[i].length === lengths[i]
    if (!ok) {
      const got = arrays.map((a) => a.length).join(', ')
      throw new Error(
        `${this.name}: ${what} have lengths [${got}]; the optimizer was built for [${lengths.join(', ')}]`
      )
    }
  }
}
