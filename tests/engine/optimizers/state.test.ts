/**
 * Explicit state: a checkpoint taken mid-run and restored into a fresh optimizer continues bit for
 * bit; the config round-trips through JSON; slots are allocated once and reused.
 */
import { describe, expect, it } from 'vitest'
import {
  BaseOptimizer,
  createOptimizer,
  optimizerFromConfig,
  type Optimizer
} from '../../../src/engine/optimizers'

/** A configuration per optimizer that switches on every slot and some of the pipeline. */
const variants: [string, Record<string, unknown>][] = [
  ['sgd', { learning_rate: 0.05 }],
  ['sgd', { learning_rate: 0.05, momentum: 0.9, nesterov: true, clipnorm: 2 }],
  ['rmsprop', { learning_rate: 0.01, momentum: 0.5, centered: true, weight_decay: 0.01 }],
  ['adagrad', { learning_rate: 0.1, initial_accumulator_value: 0.2, clipvalue: 1 }],
  ['adam', { learning_rate: 0.01, amsgrad: true, beta_2: 0.9, global_clipnorm: 3 }],
  [
    'adamw',
    {
      learning_rate: {
        class_name: 'CosineDecay',
        config: { initial_learning_rate: 0, decay_steps: 20, warmup_target: 0.05, warmup_steps: 4 }
      }
    }
  ],
  [
    'nadam',
    {
      learning_rate: {
        class_name: 'ExponentialDecay',
        config: { initial_learning_rate: 0.02, decay_steps: 3, decay_rate: 0.7, staircase: true }
      }
    }
  ],
  ['adadelta', { learning_rate: 1, rho: 0.9 }]
]

const startParams = () => [new Float32Array([0.5, -1.25, 2, 3.5]), new Float32Array([-0.75, 0.125])]
const gradientsAt = (k: number, params: Float32Array[]) =>
  params.map((w, i) => w.map((x, j) => Math.cos(k + 2 * j + 3 * i) * 2 + 0.3 * x))
const bits = (arrays: Float32Array[]) =>
  arrays.map((a) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length)))

function run(optimizer: Optimizer, params: Float32Array[], from: number, to: number): void {
  for (let k = from; k < to; k++) optimizer.apply(params, gradientsAt(k, params))
}

const label = (name: string, config: object) => `${name} ${JSON.stringify(config)}`
const cases = variants.map(([name, config]) => [label(name, config), name, config] as const)

/** A slot-for-slot bit pattern of an optimizer's whole state. */
const stateBits = (optimizer: Optimizer) => {
  const { iterations, slots, learningRate } = optimizer.getState()
  const slotBits = Object.fromEntries(Object.entries(slots).map(([k, v]) => [k, bits(v)]))
  return { iterations, learningRate, slotBits }
}

/** 5 steps, optionally a learning-rate override (as ReduceLROnPlateau makes), then `more` steps. */
function fiveStepsThen(
  name: string,
  config: Record<string, unknown>,
  override: boolean,
  more: number
) {
  const optimizer = createOptimizer(name, config)
  const params = startParams()
  run(optimizer, params, 0, 5)
  if (override) optimizer.setLearningRate(optimizer.learningRate * 0.5)
  run(optimizer, params, 5, 5 + more)
  return { optimizer, params }
}

const fromJsonConfig = (name: string, config: Record<string, unknown>) =>
  optimizerFromConfig(JSON.parse(JSON.stringify(createOptimizer(name, config).getConfig())))

describe('state export / restore', () => {
  const withOverride = cases.flatMap((c) => [
    [...c, false] as const,
    [`${c[0]}, lr overridden`, c[1], c[2], true] as const
  ])

  it.each(withOverride)(
    '%s: restore then continue == never stopped, bit for bit',
    (_, name, config, override) => {
      const never = fiveStepsThen(name, config, override, 7)

      const stopped = fiveStepsThen(name, config, override, 0)
      const saved = stopped.optimizer.getState()
      const savedParams = stopped.params.map((w) => w.slice())
      run(stopped.optimizer, stopped.params, 5, 9) // running on must not touch the snapshot

      const builtFirst = fromJsonConfig(name, config)
      builtFirst.build(savedParams)
      builtFirst.setState(saved)
      const restoredFirst = fromJsonConfig(name, config) // unbuilt: the snapshot gives the shapes
      restoredFirst.setState(saved)
      const paramsA = savedParams.map((w) => w.slice())
      const paramsB = savedParams.map((w) => w.slice())
      run(builtFirst, paramsA, 5, 12)
      run(restoredFirst, paramsB, 5, 12)

      expect(bits(paramsA)).toEqual(bits(never.params))
      expect(bits(paramsB)).toEqual(bits(never.params))
      expect(stateBits(builtFirst)).toEqual(stateBits(never.optimizer))
      expect(stateBits(restoredFirst)).toEqual(stateBits(never.optimizer))
    }
  )

  it('getState copies, and setState copies in: neither shares memory with the optimizer', () => {
    const optimizer = createOptimizer('adam', { learning_rate: 0.1 })
    const params = startParams()
    run(optimizer, params, 0, 2)
    const state = optimizer.getState()
    const before = bits(optimizer.getState().slots.momentum)
    state.slots.momentum[0].fill(7)
    expect(bits(optimizer.getState().slots.momentum)).toEqual(before)

    const other = createOptimizer('adam', { learning_rate: 0.1 })
    other.setState(optimizer.getState())
    const given = optimizer.getState()
    other.setState(given)
    given.slots.velocity[1].fill(7)
    expect(bits(other.getState().slots.velocity)).toEqual(bits(optimizer.getState().slots.velocity))
  })

  it('Nadam keeps its momentum-schedule product u_product as a one-element slot', () => {
    const optimizer = createOptimizer('nadam')
    run(optimizer, startParams(), 0, 2)
    const { slots } = optimizer.getState()
    expect(Object.keys(slots).sort()).toEqual(['momentum', 'u_product', 'velocity'])
    // Π_2 = u_1·u_2 with u_t = 0.9(1 − ½·0.96^t), stored as float32.
    const u = (t: number) => 0.9 * (1 - 0.5 * Math.pow(0.96, t))
    expect(slots.u_product).toHaveLength(1)
    expect(slots.u_product[0][0]).toBeCloseTo(u(1) * u(2), 7)
  })

  it('rejects a snapshot that does not fit', () => {
    const adam = createOptimizer('adam')
    adam.build(startParams())
    const state = adam.getState()
    const amsgrad = createOptimizer('adam', { amsgrad: true })
    expect(() => amsgrad.setState(state)).toThrow(
      'adam: state has slots [momentum, velocity]; this configuration has [momentum, velocity, velocity_hat]'
    )
    const small = createOptimizer('adam')
    small.build([new Float32Array(4)])
    expect(() => small.setState(state)).toThrow(
      'adam: state.slots.momentum have lengths [4, 2]; the optimizer was built for [4]'
    )
    expect(() => adam.setState({ ...state, iterations: -1 })).toThrow(
      'adam: state.iterations must be an integer >= 0; got -1'
    )
    expect(() => adam.setState({ ...state, learningRate: -0.5 })).toThrow(
      'adam: state.learningRate must be a finite number >= 0; got -0.5'
    )
  })
})

describe('config round trip', () => {
  it.each(cases)(
    '%s: getConfig → JSON → optimizerFromConfig behaves the same',
    (_, name, config) => {
      const original = createOptimizer(name, config)
      const copy = optimizerFromConfig(JSON.parse(JSON.stringify(original.getConfig())))
      expect(copy.getConfig()).toEqual(original.getConfig())
      expect(copy.name).toBe(name)
      const a = startParams()
      const b = startParams()
      run(original, a, 0, 6)
      run(copy, b, 0, 6)
      expect(bits(b)).toEqual(bits(a))
    }
  )
})

describe('allocation', () => {
  it.each(cases)('%s: slot arrays are created once and keep their identity', (_, name, config) => {
    const optimizer = createOptimizer(name, config)
    if (!(optimizer instanceof BaseOptimizer)) throw new Error('expected a BaseOptimizer')
    const params = startParams()
    optimizer.build(params)
    const slotsAtBuild = Object.values(optimizer.slots).flat()
    run(optimizer, params, 0, 3)
    optimizer.build(params) // a second build is a no-op
    optimizer.setState(optimizer.getState())
    run(optimizer, params, 3, 5)
    const slotsNow = Object.values(optimizer.slots).flat()
    expect(slotsNow).toHaveLength(slotsAtBuild.length)
    slotsNow.forEach((slot, i) => expect(slot).toBe(slotsAtBuild[i]))
  })

  it('apply rejects parameters or gradients shaped unlike the built variables', () => {
    const optimizer = createOptimizer('sgd', { momentum: 0.9 })
    optimizer.build(startParams())
    expect(() => optimizer.apply([new Float32Array(4)], [new Float32Array(4)])).toThrow(
      'sgd: params have lengths [4]; the optimizer was built for [4, 2]'
    )
    expect(() =>
      optimizer.apply(startParams(), [new Float32Array(4), new Float32Array(3)])
    ).toThrow('sgd: grads have lengths [4, 3]; the optimizer was built for [4, 2]')
  })
})
