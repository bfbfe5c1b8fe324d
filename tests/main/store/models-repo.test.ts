import { afterEach, describe, expect, it } from 'vitest'
import {
  ModelsRepo,
  type NewModel,
  type StoredModelSpec
} from '../../../src/main/store/models-repo'
import { openDatabase } from '../../../src/main/store/database'

const db = openDatabase(':memory:')
afterEach(() => db.exec('DELETE FROM models'))

const spec: StoredModelSpec = {
  architecture: { class_name: 'Sequential', config: { name: 'sequential', layers: [] } },
  compile: null,
  dataset: null,
  training: null,
  task: 'regression',
  inputShape: [1],
  params: 2,
  layers: '1 → 1 linear'
}

const model = (overrides: Partial<NewModel> = {}): NewModel => ({
  name: 'm',
  dataset: 'sine',
  spec,
  weights: [Float32Array.of(-0, 1.5e-45, 3.4028234663852886e38), Float32Array.of(0.1)],
  optimizerState: {
    iterations: 7,
    learningRate: null,
    slots: { momentum: [Float32Array.of(1, 2, 3), Float32Array.of(4)] }
  },
  history: { epoch: [0, 1], history: { loss: [0.5, 0.25] } },
  metrics: { loss: 0.25 },
  sourceRunId: null,
  sourceEpoch: null,
  createdAt: 1234,
  ...overrides
})

describe('ModelsRepo', () => {
  it('stores weights and optimizer state bit for bit and reads every field back', () => {
    const repo = new ModelsRepo(db)
    const id = repo.insert(model())
    const got = repo.get(id)!
    expect(got).toEqual({ ...model(), id, hasOptimizerState: true })
    expect(Object.is(got.weights[0][0], -0)).toBe(true)
    expect(got.weights[0][1]).toBe(Math.fround(1.5e-45))
  })

  it('keeps a model without optimizer state or metrics', () => {
    const repo = new ModelsRepo(db)
    const id = repo.insert(model({ optimizerState: null, metrics: null }))
    expect(repo.get(id)).toMatchObject({
      optimizerState: null,
      metrics: null,
      hasOptimizerState: false
    })
    expect(repo.header(id)).toMatchObject({ id, hasOptimizerState: false })
  })

  it('lists headers in the order saved, renames and deletes', () => {
    const repo = new ModelsRepo(db)
    const a = repo.insert(model({ name: 'a' }))
    const b = repo.insert(model({ name: 'b' }))
    expect(repo.list().map((m) => [m.id, m.name])).toEqual([
      [a, 'a'],
      [b, 'b']
    ])
    expect(repo.list()[0]).not.toHaveProperty('weights')
    expect(repo.rename(a, 'A')).toBe(true)
    expect(repo.header(a)?.name).toBe('A')
    expect(repo.delete(b)).toBe(true)
    expect([repo.delete(b), repo.rename(b, 'x'), repo.get(b), repo.header(b)]).toEqual([
      false,
      false,
      undefined,
      undefined
    ])
  })

  it('lets a deleted run leave its models behind, without a source', () => {
    db.prepare(
      `INSERT INTO runs (id, name, dataset, optimizer, spec, seed, status, created_at) VALUES (5, 'r', 'sine', 'sgd', '{}', 1, 'completed', 0)`
    ).run()
    const repo = new ModelsRepo(db)
    const id = repo.insert(model({ sourceRunId: 5, sourceEpoch: 3 }))
    db.prepare('DELETE FROM runs WHERE id = 5').run()
    expect(repo.header(id)).toMatchObject({ sourceRunId: null, sourceEpoch: 3 })
  })
})
