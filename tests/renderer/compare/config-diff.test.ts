import { describe, expect, it } from 'vitest'
import type { RunSpec } from '../../../src/contract/runs'
import {
  configColumns,
  configDifferences,
  groupBySeed
} from '../../../src/renderer/compare/config-diff'
import { runSpec } from '../support/fixtures'

const base = runSpec()
const run = (optimizer: RunSpec['optimizer'], seed = 1, more: Partial<RunSpec> = {}): RunSpec =>
  runSpec({ optimizer, seed, ...more })

describe('configuration differences', () => {
  it('finds the optimizer and its learning rate, filling in Keras defaults (SGD 0.01, Adam 0.001)', () => {
    const diff = configDifferences([
      run({ name: 'sgd', config: {} }),
      run({ name: 'adam', config: {} })
    ])
    expect(diff.map((c) => c.key)).toEqual(['optimizer', 'optimizer.learning_rate'])
    expect(diff[0].cells.map((c) => c.text)).toEqual(['sgd', 'adam'])
    expect(diff[1].label).toBe('lr')
    expect(diff[1].cells).toEqual([
      { text: '0.01', implied: true },
      { text: '0.001', implied: true }
    ])
  })

  it('shows a hyperparameter one run sets, and where it does not apply', () => {
    const diff = configDifferences([
      run({ name: 'sgd', config: { momentum: 0.9, learning_rate: 0.05 } }),
      run({ name: 'sgd', config: {} }),
      run({ name: 'adam', config: {} })
    ])
    const momentum = diff.find((c) => c.key === 'optimizer.momentum')!
    expect(momentum.cells).toEqual([
      { text: '0.9', implied: false },
      { text: '0', implied: true },
      { text: '—', implied: true }
    ])
    const lr = diff.find((c) => c.key === 'optimizer.learning_rate')!
    expect(lr.cells.map((c) => c.text)).toEqual(['0.05', '0.01', '0.001'])
  })

  it('sees batch size, epochs, seed, layers and data fields', () => {
    const diff = configDifferences([
      run({ name: 'sgd', config: {} }, 1),
      run({ name: 'sgd', config: {} }, 2, {
        batchSize: 1,
        data: { dataset: 'mnist', limit: 600 },
        layers: [{ kind: 'dense', units: 10, activation: 'softmax', initializer: 'he_normal' }]
      })
    ])
    expect(Object.fromEntries(diff.map((c) => [c.label, c.cells.map((x) => x.text)]))).toEqual({
      limit: ['300', '600'],
      layers: ['32:relu,10:softmax', '10:softmax [he_normal]'],
      'batch size': ['32', '1'],
      seed: ['1', '2']
    })
  })

  it('has none for identical specs, though every field is a column', () => {
    expect(configDifferences([base, base])).toEqual([])
    expect(configColumns([base]).map((c) => c.key)).toEqual(
      expect.arrayContaining(['data.dataset', 'layers', 'loss', 'epochs', 'batchSize', 'seed'])
    )
  })
})

describe('seed groups', () => {
  it('gathers runs that differ only in their seeds, labelled by what sets them apart', () => {
    const specs = [
      run({ name: 'sgd', config: {} }, 1, { data: { dataset: 'mnist', limit: 300, seed: 1 } }),
      run({ name: 'adam', config: {} }, 1),
      run({ name: 'sgd', config: {} }, 2, { data: { dataset: 'mnist', limit: 300, seed: 2 } }),
      run({ name: 'adam', config: {} }, 2)
    ]
    // data.seed is a seed too: the two SGD runs still form one group.
    const groups = groupBySeed(specs)
    expect(groups).toEqual([
      { label: 'sgd · lr=0.01', members: [0, 2] },
      { label: 'adam · lr=0.001', members: [1, 3] }
    ])
  })

  it('labels a lone configuration by its optimizer', () => {
    expect(
      groupBySeed([
        run({ name: 'rmsprop', config: {} }, 1),
        run({ name: 'rmsprop', config: {} }, 2)
      ])
    ).toEqual([{ label: 'rmsprop', members: [0, 1] }])
  })
})
