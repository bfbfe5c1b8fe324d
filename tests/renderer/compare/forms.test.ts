import { describe, expect, it } from 'vitest'
import type { BaseSpec } from '../../../src/contract/experiments'
import { checkBaseSpec, defaultBaseSpecDraft } from '../../../src/renderer/compare/base-spec-form'
import {
  checkCompare,
  checkSweep,
  defaultSweepDraft,
  optimizerDraft
} from '../../../src/renderer/compare/experiment-forms'
import { mnistInfo as mnist, moonsInfo as moons } from '../support/fixtures'

describe('the compact spec form', () => {
  it('turns the defaults into a spec with the loss and metrics of the task', () => {
    const { spec, errors } = checkBaseSpec(defaultBaseSpecDraft(), [mnist])
    expect(errors).toEqual({})
    expect(spec).toEqual({
      data: { dataset: 'mnist', limit: 1000 },
      layers: [
        { kind: 'dense', units: 32, activation: 'relu' },
        { kind: 'dense', units: 10, activation: 'softmax' }
      ],
      loss: 'categorical_crossentropy',
      metrics: ['accuracy'],
      epochs: 2,
      batchSize: 32,
      seed: 1
    })
  })

  it('says what is wrong next to each field and gives no spec', () => {
    const draft = {
      ...defaultBaseSpecDraft(),
      layers: '32:relu,10:softmx',
      epochs: '0',
      batchSize: 'many',
      limit: '70000',
      validationSplit: '1.5'
    }
    const { spec, errors } = checkBaseSpec(draft, [mnist])
    expect(spec).toBeNull()
    expect(Object.keys(errors).sort()).toEqual([
      'batchSize',
      'epochs',
      'layers',
      'limit',
      'validationSplit'
    ])
    expect(errors.layers).toMatch(/unknown activation "softmx"/)
    expect(errors.limit).toMatch(/60,000/)
  })

  it('refuses an output layer that does not fit the data set', () => {
    const { errors } = checkBaseSpec({ ...defaultBaseSpecDraft(), dataset: 'moons' }, [
      mnist,
      moons
    ])
    expect(errors.layers).toMatch(/output layer has 10 units/)
    const ok = checkBaseSpec(
      { ...defaultBaseSpecDraft(), dataset: 'moons', layers: '8:tanh,1:sigmoid', limit: '' },
      [mnist, moons]
    )
    expect(ok.spec?.loss).toBe('binary_crossentropy')
    expect(ok.spec?.data).toEqual({ dataset: 'moons' })
  })

  it('needs a data set that exists', () => {
    expect(
      checkBaseSpec({ ...defaultBaseSpecDraft(), dataset: 'gone' }, [mnist]).errors.dataset
    ).toBe('choose a data set')
  })
})

const spec: BaseSpec = {
  data: { dataset: 'mnist', limit: 300 },
  layers: [{ kind: 'dense', units: 10, activation: 'softmax' }],
  loss: 'categorical_crossentropy',
  metrics: ['accuracy'],
  epochs: 1,
  batchSize: 32,
  seed: 1
}

describe('a new comparison', () => {
  it('sends only the hyperparameters that differ from the defaults', () => {
    const sgd = optimizerDraft('sgd')
    sgd.values.momentum = '0.9'
    const { input } = checkCompare({ optimizers: [sgd, optimizerDraft('adam')], seeds: '3' }, spec)
    expect(input).toEqual({
      spec,
      optimizers: [
        { name: 'sgd', config: { momentum: 0.9 } },
        { name: 'adam', config: {} }
      ],
      seeds: 3
    })
  })

  it('points at the bad field of the bad row, and at bad seeds', () => {
    const sgd = optimizerDraft('sgd')
    sgd.values.momentum = '2'
    const adam = optimizerDraft('adam')
    adam.values.learning_rate = 'fast'
    const checked = checkCompare({ optimizers: [sgd, adam], seeds: '0' }, spec)
    expect(checked.input).toBeNull()
    expect(Object.keys(checked.optimizerErrors[0])).toEqual(['momentum'])
    expect(Object.keys(checked.optimizerErrors[1])).toEqual(['learning_rate'])
    expect(checked.seedsError).toMatch(/whole number/)
  })

  it('needs an optimizer and a valid network', () => {
    expect(checkCompare({ optimizers: [], seeds: '1' }, spec).listError).toBe(
      'add at least one optimizer'
    )
    expect(checkCompare({ optimizers: [optimizerDraft('sgd')], seeds: '1' }, null).input).toBeNull()
  })
})

describe('a new sweep', () => {
  it('sends the grid, the seeds and the optimizer without a learning rate', () => {
    const draft = defaultSweepDraft('sgd')
    draft.optimizer.values.learning_rate = 'not read'
    draft.optimizer.values.momentum = '0.5'
    expect(checkSweep(draft, spec).input).toEqual({
      spec,
      optimizer: { name: 'sgd', config: { momentum: 0.5 } },
      learningRates: { min: 0.0001, max: 1, steps: 5 },
      seeds: 3
    })
  })

  it('needs min below max, 2 to 50 rates, and a validation split to monitor val_loss', () => {
    const draft = {
      ...defaultSweepDraft(),
      min: '0.1',
      max: '0.01',
      steps: '1',
      monitor: 'val_loss' as const
    }
    const { input, errors } = checkSweep(draft, spec)
    expect(input).toBeNull()
    expect(errors.max).toBe('must be above the smallest rate')
    expect(errors.steps).toMatch(/≥ 2/)
    expect(errors.monitor).toBe('val_loss needs a validation split')
    expect(
      checkSweep({ ...draft, min: '0', max: '1', steps: '3', monitor: 'auto' }, spec).errors.min
    ).toMatch(/> 0/)
  })
})
