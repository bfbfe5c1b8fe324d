import { describe, expect, it } from 'vitest'
import { checkDraft } from '../../../src/renderer/build/check-draft'
import {
  addLayer,
  defaultDraft,
  denseLayer,
  moveLayer,
  removeLayer,
  type Draft
} from '../../../src/renderer/build/draft'
import { applyLinkQuery, hasLinkQuery } from '../../../src/renderer/build/link-query'
import { readNumber } from '../../../src/renderer/build/numbers'
import {
  defaultHyperparameters,
  hyperparameterFields,
  readOptimizer
} from '../../../src/renderer/build/optimizer-fields'
import { applySuggestion, followsSuggestion, outputFor } from '../../../src/renderer/build/output'
import { mnistInfo as mnist, moonsInfo as moons, sineInfo as sine } from '../support/fixtures'

/** The lecture's draft with some fields changed. */
const draft = (changes: Partial<Draft> = {}): Draft => ({ ...defaultDraft(), ...changes })

describe('reading a number field', () => {
  it('accepts what the rule allows and says what it wants otherwise', () => {
    expect(readNumber(' 32 ', { whole: true, min: 1 })).toEqual({ value: 32 })
    expect(readNumber('1e-7')).toEqual({ value: 1e-7 })
    expect(readNumber('', { whole: true, min: 1 }).error).toBe('enter a whole number ≥ 1')
    expect(readNumber('abc').error).toBe('enter a number')
    expect(readNumber('2.5', { whole: true, min: 1 }).error).toBe('must be a whole number ≥ 1')
    expect(readNumber('0', { min: 0, aboveMin: true, max: 1, belowMax: true }).error).toBe(
      'must be a number > 0 and < 1'
    )
    expect(readNumber('70000', { whole: true, min: 1, max: 60_000 }).error).toBe(
      'must be a whole number ≥ 1 and ≤ 60,000'
    )
  })
})

describe('checking the whole draft', () => {
  it('turns the lecture network into its spec: 469 updates an epoch, 2,345 in five', () => {
    const check = checkDraft(draft(), mnist)
    expect(check.errors).toEqual({})
    expect(check.problems).toEqual([])
    expect(check.trainCount).toBe(60_000)
    expect(check.stepsPerEpoch).toBe(469) // ⌈60000 / 128⌉
    expect(check.spec).toEqual({
      data: { dataset: 'mnist' },
      layers: [
        { kind: 'dense', units: 512, activation: 'relu' },
        { kind: 'dense', units: 128, activation: 'relu' },
        { kind: 'dense', units: 10, activation: 'softmax' }
      ],
      loss: 'categorical_crossentropy',
      metrics: ['accuracy'],
      optimizer: { name: 'rmsprop', config: {} },
      epochs: 5,
      batchSize: 128,
      seed: 1
    })
  })

  it('counts the samples left by the limit and the validation split', () => {
    const check = checkDraft(
      draft({ limit: '300', validationSplit: '0.2', batchSize: '32', epochs: '1' }),
      mnist
    )
    expect(check.trainCount).toBe(240) // ⌊300 · 0.8⌋
    expect(check.stepsPerEpoch).toBe(8) // ⌈240 / 32⌉
    expect(check.spec?.data).toEqual({ dataset: 'mnist', limit: 300 })
    expect(check.spec?.validationSplit).toBe(0.2)
    // A batch larger than the set is one full-batch update an epoch.
    expect(checkDraft(draft({ limit: '300', batchSize: '1000' }), mnist).stepsPerEpoch).toBe(1)
  })

  it('keeps an initializer other than Keras’s default, and Dropout layers, in the spec', () => {
    const layers = [
      { ...denseLayer(1, 32, 'relu'), initializer: 'he_normal' as const },
      { id: 2, kind: 'dropout' as const, rate: '0.25' },
      denseLayer(3, 10, 'softmax')
    ]
    expect(checkDraft(draft({ layers }), mnist).spec?.layers).toEqual([
      { kind: 'dense', units: 32, activation: 'relu', initializer: 'he_normal' },
      { kind: 'dropout', rate: 0.25 },
      { kind: 'dense', units: 10, activation: 'softmax' }
    ])
  })

  it('puts an error on every bad field and gives no spec', () => {
    const bad = draft({
      limit: '70000',
      batchSize: '0',
      epochs: 'five',
      seed: '-1',
      validationSplit: '1',
      name: 'x'.repeat(201),
      layers: [
        denseLayer(1, 32, 'relu'),
        { id: 2, kind: 'dropout', rate: '1' },
        denseLayer(3, 10, 'softmax')
      ]
    })
    bad.layers[0] = {
      id: 1,
      kind: 'dense',
      units: '',
      activation: 'relu',
      initializer: 'glorot_uniform'
    }
    const check = checkDraft(bad, mnist)
    expect(Object.keys(check.errors).sort()).toEqual(
      [
        'batchSize',
        'epochs',
        'layers.0.units',
        'layers.1.rate',
        'limit',
        'name',
        'seed',
        'validationSplit'
      ].sort()
    )
    expect(check.errors['layers.0.units']).toBe('enter a whole number ≥ 1 and ≤ 1,000,000')
    expect(check.spec).toBeNull()
  })

  it('refuses a split that leaves no sample on one side', () => {
    const check = checkDraft(draft({ limit: '1', validationSplit: '0.5' }), mnist)
    expect(check.errors.validationSplit).toBe('1 samples cannot be split with 0.5')
  })

  it('asks for a data set, and for at least one layer', () => {
    expect(checkDraft(draft(), undefined).errors.dataset).toBe('choose a data set')
    expect(checkDraft(draft({ layers: [] }), mnist).errors.layers).toMatch(/at least one layer/)
  })

  it('refuses a model too large to build in the page', () => {
    const layers = [denseLayer(1, 100_000, 'relu'), denseLayer(2, 10, 'softmax')]
    expect(checkDraft(draft({ layers }), mnist).errors.layers).toMatch(/too large/)
  })

  it('reports the engine’s sentences when the output does not fit the task', () => {
    const five = draft({ layers: [denseLayer(1, 32, 'relu'), denseLayer(2, 5, 'softmax')] })
    const check = checkDraft(five, mnist)
    expect(check.problems).toEqual(['the output layer has 5 units but mnist needs 10 classes'])
    expect(check.spec).toBeNull()
    const regression = checkDraft(draft(), sine)
    expect(regression.problems.join(' ')).toMatch(/regression task/)
  })
})

describe('the output the task suggests', () => {
  it('is the lecture’s table: softmax + CCE, sigmoid + BCE, linear + MSE', () => {
    expect(outputFor(mnist)).toEqual({
      units: 10,
      activation: 'softmax',
      loss: 'categorical_crossentropy'
    })
    expect(outputFor(moons)).toEqual({
      units: 1,
      activation: 'sigmoid',
      loss: 'binary_crossentropy'
    })
    expect(outputFor(sine)).toEqual({ units: 1, activation: 'linear', loss: 'mean_squared_error' })
  })

  it('fixes a mismatch in one step: the last Dense reshaped, or a new one after Dropout', () => {
    const base = draft()
    const fixed = applySuggestion(base.layers, outputFor(sine))
    expect(fixed.loss).toBe('mean_squared_error')
    expect(fixed.layers.at(-1)).toMatchObject({ kind: 'dense', units: '1', activation: 'linear' })
    expect(fixed.layers.map((l) => l.id)).toEqual(base.layers.map((l) => l.id))
    expect(checkDraft({ ...base, ...fixed }, sine).problems).toEqual([])
    expect(followsSuggestion(fixed.layers, fixed.loss, outputFor(sine))).toBe(true)
    expect(followsSuggestion(base.layers, base.loss, outputFor(sine))).toBe(false)

    const endsInDropout = [
      denseLayer(1, 8, 'tanh'),
      { id: 2, kind: 'dropout' as const, rate: '0.5' }
    ]
    const appended = applySuggestion(endsInDropout, outputFor(moons))
    expect(appended.layers).toHaveLength(3)
    expect(appended.layers[2]).toMatchObject({ id: 3, units: '1', activation: 'sigmoid' })
  })
})

describe('editing the layer list', () => {
  const layers = defaultDraft().layers

  it('adds a layer before the output', () => {
    const added = addLayer(layers, 'dropout')
    expect(added.map((l) => l.kind)).toEqual(['dense', 'dense', 'dropout', 'dense'])
    expect(added[2].id).toBe(4)
    expect(addLayer([], 'dense').map((l) => l.kind)).toEqual(['dense'])
  })

  it('moves a layer up or down, and not past either end', () => {
    const ids = (ls: typeof layers): number[] => ls.map((l) => l.id)
    expect(ids(moveLayer(layers, 0, 1))).toEqual([2, 1, 3])
    expect(ids(moveLayer(layers, 2, -1))).toEqual([1, 3, 2])
    expect(ids(moveLayer(layers, 0, -1))).toEqual([1, 2, 3])
    expect(ids(moveLayer(layers, 2, 1))).toEqual([1, 2, 3])
  })

  it('removes a layer', () => {
    expect(removeLayer(layers, 1).map((l) => l.id)).toEqual([1, 3])
  })
})

describe('the optimizer’s fields', () => {
  it('lists every hyperparameter with Keras’s default and PyTorch’s where it differs', () => {
    const sgd = hyperparameterFields('sgd')
    expect(sgd.map((f) => [f.key, f.kind, f.default])).toEqual([
      ['learning_rate', 'number', 0.01],
      ['momentum', 'number', 0],
      ['nesterov', 'flag', false],
      ['weight_decay', 'optional', null],
      ['clipnorm', 'optional', null],
      ['global_clipnorm', 'optional', null],
      ['clipvalue', 'optional', null]
    ])
    const adam = Object.fromEntries(hyperparameterFields('adam').map((f) => [f.key, f]))
    expect(adam.epsilon.default).toBe(1e-7)
    expect(adam.epsilon.pytorchDefault).toBe(1e-8)
    expect(defaultHyperparameters('adam')).toMatchObject({
      learning_rate: '0.001',
      beta_1: '0.9',
      epsilon: '1e-7',
      amsgrad: false,
      clipnorm: ''
    })
  })

  it('keeps only what differs from the defaults', () => {
    const values = {
      ...defaultHyperparameters('sgd'),
      learning_rate: '0.1',
      nesterov: true,
      momentum: '0.9'
    }
    expect(readOptimizer('sgd', values)).toEqual({
      config: { learning_rate: 0.1, momentum: 0.9, nesterov: true },
      errors: {}
    })
    expect(readOptimizer('adam', defaultHyperparameters('adam'))).toEqual({
      config: {},
      errors: {}
    })
  })

  it('checks each value by the engine’s own rules', () => {
    const values = {
      ...defaultHyperparameters('sgd'),
      momentum: '2',
      learning_rate: '',
      clipnorm: 'x'
    }
    const { errors } = readOptimizer('sgd', values)
    expect(errors.momentum).toBe('momentum must be a number in [0, 1); got 2')
    expect(errors.learning_rate).toBe('enter a number')
    expect(errors.clipnorm).toBe('enter a number')
    const negative = readOptimizer('adam', {
      ...defaultHyperparameters('adam'),
      learning_rate: '-1'
    })
    expect(negative.errors.learning_rate).toMatch(/learning_rate/)
  })

  it('refuses two clipping options at once', () => {
    const values = { ...defaultHyperparameters('rmsprop'), clipnorm: '1', clipvalue: '0.5' }
    expect(readOptimizer('rmsprop', values).errors.optimizer).toMatch(/at most one of clipnorm/)
    expect(checkDraft(draft({ hyperparameters: values }), mnist).errors.optimizer).toMatch(
      /at most one/
    )
  })
})

describe('a "Try this on MNIST" link', () => {
  const query = {
    dataset: 'mnist',
    optimizer: 'sgd',
    lr: '0.05',
    momentum: '0.9',
    nesterov: 'true',
    batchSize: '32',
    epochs: '3',
    layers: '64:relu,10:softmax'
  }

  it('fills the form, the loss going with the output layer', () => {
    expect(hasLinkQuery(query)).toBe(true)
    expect(hasLinkQuery({ run: '3' })).toBe(false)
    const { draft: next, errors } = applyLinkQuery(draft({ loss: 'huber' }), query)
    expect(next.loss).toBe('categorical_crossentropy')
    expect(errors).toEqual([])
    expect(next).toMatchObject({ optimizer: 'sgd', batchSize: '32', epochs: '3', dataset: 'mnist' })
    expect(next.hyperparameters).toMatchObject({
      learning_rate: '0.05',
      momentum: '0.9',
      nesterov: true
    })
    expect(
      next.layers.map((l) => (l.kind === 'dense' ? `${l.units}:${l.activation}` : l.rate))
    ).toEqual(['64:relu', '10:softmax'])
    expect(checkDraft(next, mnist).spec?.optimizer).toEqual({
      name: 'sgd',
      config: { learning_rate: 0.05, momentum: 0.9, nesterov: true }
    })
  })

  it('pairs a sigmoid output with binary cross-entropy and leaves other outputs’ loss alone', () => {
    expect(applyLinkQuery(defaultDraft(), { layers: '8:tanh,1:sigmoid' }).draft.loss).toBe(
      'binary_crossentropy'
    )
    expect(applyLinkQuery(draft({ loss: 'huber' }), { layers: '8:relu' }).draft.loss).toBe('huber')
  })

  it('says what it could not apply and leaves the rest as it was', () => {
    const before = defaultDraft()
    const { draft: next, errors } = applyLinkQuery(before, {
      optimizer: 'adam',
      momentum: '0.9',
      layers: '64:swish'
    })
    expect(errors).toHaveLength(2)
    expect(errors[0]).toBe('the link sets momentum, which adam does not have')
    expect(errors[1]).toMatch(/layers cannot be read: .*unknown activation "swish"/)
    expect(next.layers).toEqual(before.layers)
    expect(next.optimizer).toBe('adam')

    const unknown = applyLinkQuery(before, { optimizer: 'adamx' })
    expect(unknown.errors[0]).toMatch(/unknown optimizer "adamx"/)
    expect(unknown.draft.optimizer).toBe('rmsprop')
  })

  it('leaves a bad value in its field, where the field’s check shows it', () => {
    const { draft: next } = applyLinkQuery(defaultDraft(), { batchSize: 'many' })
    expect(checkDraft(next, mnist).errors.batchSize).toBe(
      'enter a whole number ≥ 1 and ≤ 10,000,000'
    )
  })
})
