/** Names, bad hyperparameters (each error says which value and why), and the defaults table. */
import { describe, expect, it } from 'vitest'
import {
  createOptimizer,
  optimizerDefaults,
  optimizerFromConfig,
  optimizerNames,
  type OptimizerConfig
} from '../../../src/engine/optimizers'
import { kerasDefaults } from './float64-reference'

describe('names', () => {
  it('registers Keras’s seven optimizers', () => {
    expect(optimizerNames).toEqual([
      'sgd',
      'rmsprop',
      'adagrad',
      'adam',
      'adamw',
      'nadam',
      'adadelta'
    ])
  })

  it('looks names up case-insensitively', () => {
    expect(createOptimizer('SGD').name).toBe('sgd')
    expect(createOptimizer('RMSprop').name).toBe('rmsprop')
    expect(createOptimizer('AdamW').name).toBe('adamw')
  })

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => createOptimizer('adamax')).toThrow(
      'Unknown optimizer "adamax"; expected one of sgd, rmsprop, adagrad, adam, adamw, nadam, adadelta'
    )
    expect(() => createOptimizer('constructor')).toThrow(/Unknown optimizer "constructor"/)
  })
})

describe('invalid hyperparameters', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['sgd', { learning_rate: -0.1 }, 'sgd: learning_rate must be a finite number >= 0; got -0.1'],
    ['adam', { learning_rate: NaN }, 'adam: learning_rate must be a finite number >= 0; got NaN'],
    [
      'adam',
      { learning_rate: '0.01' },
      'adam: learning_rate must be a finite number >= 0 or a schedule { class_name, config }; got "0.01"'
    ],
    ['sgd', { momentum: 1 }, 'sgd: momentum must be a number in [0, 1); got 1'],
    ['sgd', { momentum: -0.5 }, 'sgd: momentum must be a number in [0, 1); got -0.5'],
    ['sgd', { nesterov: 'yes' }, 'sgd: nesterov must be true or false; got "yes"'],
    ['rmsprop', { rho: 1 }, 'rmsprop: rho must be a number in [0, 1); got 1'],
    [
      'rmsprop',
      { momentum: Infinity },
      'rmsprop: momentum must be a number in [0, 1); got Infinity'
    ],
    ['rmsprop', { epsilon: 0 }, 'rmsprop: epsilon must be a finite number > 0; got 0'],
    [
      'adagrad',
      { initial_accumulator_value: -1 },
      'adagrad: initial_accumulator_value must be a finite number >= 0; got -1'
    ],
    ['adam', { beta_1: 1.5 }, 'adam: beta_1 must be a number in [0, 1); got 1.5'],
    ['adam', { beta_2: null }, 'adam: beta_2 must be a number in [0, 1); got null'],
    ['adam', { epsilon: -1e-7 }, 'adam: epsilon must be a finite number > 0; got -1e-7'],
    ['nadam', { beta_1: -0.1 }, 'nadam: beta_1 must be a number in [0, 1); got -0.1'],
    ['adadelta', { rho: 1.2 }, 'adadelta: rho must be a number in [0, 1); got 1.2'],
    ['adamw', { weight_decay: null }, 'adamw: weight_decay must be a finite number >= 0; got null'],
    ['sgd', { weight_decay: -0.01 }, 'sgd: weight_decay must be a finite number >= 0; got -0.01'],
    ['sgd', { clipnorm: 0 }, 'sgd: clipnorm must be a finite number > 0; got 0'],
    [
      'adam',
      { global_clipnorm: NaN },
      'adam: global_clipnorm must be a finite number > 0; got NaN'
    ],
    [
      'adam',
      { clipnorm: 1, clipvalue: 0.5 },
      'adam: set at most one of clipnorm, global_clipnorm, clipvalue; got clipnorm=1, clipvalue=0.5'
    ],
    ['adam', { use_ema: true }, 'adam: use_ema is not supported; got true'],
    [
      'adam',
      { gradient_accumulation_steps: 4 },
      'adam: gradient_accumulation_steps is not supported; got 4'
    ]
  ]

  it.each(cases)('%s %j', (name, config, message) => {
    expect(() => createOptimizer(name, config)).toThrow(message)
  })

  it('rejects an unknown key, listing the keys that optimizer takes', () => {
    expect(() => createOptimizer('adam', { bta_1: 0.9 })).toThrow(
      'adam: unknown option "bta_1"; expected one of learning_rate, beta_1, beta_2, epsilon, amsgrad, weight_decay, clipnorm, global_clipnorm, clipvalue'
    )
    expect(() => createOptimizer('sgd', { rho: 0.9 })).toThrow('sgd: unknown option "rho"')
  })

  it('rejects a bad schedule with the schedule’s own message', () => {
    const schedule = (class_name: string, config: unknown) => () =>
      createOptimizer('sgd', { learning_rate: { class_name, config } })
    expect(
      schedule('ExponentialDecay', { initial_learning_rate: 0.1, decay_steps: 0, decay_rate: 0.9 })
    ).toThrow('ExponentialDecay: decay_steps must be a finite number > 0; got 0')
    expect(schedule('StepDecay', {})).toThrow(
      'sgd: unknown schedule class_name "StepDecay"; expected one of ExponentialDecay, PiecewiseConstantDecay, CosineDecay'
    )
    expect(schedule('PiecewiseConstantDecay', { boundaries: [10], values: [1] })).toThrow(
      'PiecewiseConstantDecay: values must have one more entry than boundaries; got 1 values for 1 boundaries'
    )
    expect(
      schedule('PiecewiseConstantDecay', { boundaries: [10, 5], values: [1, 0.5, 0.1] })
    ).toThrow('PiecewiseConstantDecay: boundaries must be strictly increasing; got [10,5]')
    expect(
      schedule('CosineDecay', { initial_learning_rate: 0.1, decay_steps: 10, alpha: 2 })
    ).toThrow('CosineDecay: alpha must be a number in [0, 1]; got 2')
    expect(schedule('CosineDecay', { initial_learning_rate: 0.1, decay_step: 10 })).toThrow(
      'CosineDecay: unknown option "decay_step"'
    )
  })
})

describe('configs from Keras', () => {
  it('loads a Keras 3 Adam get_config(), whose EMA and loss-scale keys are off', () => {
    const keras = {
      name: 'adam',
      learning_rate: 0.0005,
      weight_decay: null,
      clipnorm: null,
      global_clipnorm: null,
      clipvalue: null,
      use_ema: false,
      ema_momentum: 0.99,
      ema_overwrite_frequency: null,
      loss_scale_factor: null,
      gradient_accumulation_steps: null,
      beta_1: 0.8,
      beta_2: 0.99,
      epsilon: 1e-7,
      amsgrad: false
    } as OptimizerConfig
    const optimizer = optimizerFromConfig(keras)
    expect(optimizer.getConfig()).toMatchObject({
      name: 'adam',
      learning_rate: 0.0005,
      beta_1: 0.8
    })
  })

  it('accepts a serialised Keras schedule with its module and registered_name', () => {
    const optimizer = createOptimizer('SGD', {
      learning_rate: {
        module: 'keras.optimizers.schedules',
        class_name: 'ExponentialDecay',
        config: {
          initial_learning_rate: 0.1,
          decay_steps: 10,
          decay_rate: 0.5,
          staircase: false,
          name: 'ExponentialDecay'
        },
        registered_name: null
      }
    })
    optimizer.iterations = 10
    expect(optimizer.learningRate).toBeCloseTo(0.05, 12)
  })
})

describe('optimizerDefaults', () => {
  it.each(optimizerNames)('%s lists Keras’s defaults, all accepted back', (name) => {
    const rows = optimizerDefaults(name)
    const defaults = Object.fromEntries(rows.map((row) => [row.key, row.default]))
    expect(defaults).toMatchObject(kerasDefaults[name])
    expect(rows.map((row) => row.key)).toEqual(
      expect.arrayContaining([
        'learning_rate',
        'weight_decay',
        'clipnorm',
        'global_clipnorm',
        'clipvalue'
      ])
    )
    for (const row of rows) expect(row.description.length, row.key).toBeGreaterThan(10)
    expect(createOptimizer(name, defaults).getConfig()).toEqual(createOptimizer(name).getConfig())
  })

  it('says where PyTorch’s defaults differ', () => {
    const row = (name: string, key: string) => optimizerDefaults(name).find((r) => r.key === key)!
    expect(row('rmsprop', 'learning_rate')).toMatchObject({ default: 0.001, pytorchDefault: 0.01 })
    expect(row('rmsprop', 'rho')).toMatchObject({ default: 0.9, pytorchDefault: 0.99 })
    expect(row('rmsprop', 'rho').note).toMatch(/alpha/)
    expect(row('rmsprop', 'epsilon').note).toMatch(/outside the root/)
    expect(row('adam', 'epsilon')).toMatchObject({ default: 1e-7, pytorchDefault: 1e-8 })
    expect(row('adam', 'epsilon').note).toMatch(/after the bias correction/)
    expect(row('adagrad', 'initial_accumulator_value')).toMatchObject({
      default: 0.1,
      pytorchDefault: 0
    })
    expect(row('adamw', 'weight_decay')).toMatchObject({ default: 0.004, pytorchDefault: 0.01 })
    expect(row('sgd', 'weight_decay').default).toBeNull()
  })

  it('rejects an unknown name', () => {
    expect(() => optimizerDefaults('lion')).toThrow(/Unknown optimizer "lion"/)
  })
})
