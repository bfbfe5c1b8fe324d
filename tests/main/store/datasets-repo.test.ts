import { afterEach, describe, expect, it } from 'vitest'
import { DatasetsRepo, type DatasetRecord } from '../../../src/main/store/datasets-repo'
import { openDatabase } from '../../../src/main/store/database'

const db = openDatabase(':memory:')
afterEach(() => db.exec('DELETE FROM datasets'))

const record = (overrides: Partial<DatasetRecord> = {}): Omit<DatasetRecord, 'id'> => ({
  name: 'Fashion',
  format: 'idx',
  files: { images: 'train-images.idx.gz', labels: 'train-labels.idx' },
  task: 'multiclass',
  count: 60000,
  featureShape: [784],
  imageShape: [28, 28],
  numClasses: 10,
  classNames: null,
  classCounts: Array(10).fill(6000),
  testCount: null,
  labelColumn: null,
  createdAt: 99,
  ...overrides
})

describe('DatasetsRepo', () => {
  it('reads back every field, nulls included', () => {
    const repo = new DatasetsRepo(db)
    const a = repo.insert(record())
    const b = repo.insert(
      record({
        name: 'iris',
        format: 'csv',
        files: { csv: 'train.csv' },
        imageShape: null,
        classNames: ['a', 'b', 'c'],
        labelColumn: 4,
        testCount: 30
      })
    )
    expect(repo.list()).toEqual([a, b])
    expect(repo.find('iris')).toEqual(b)
    expect(
      repo.insert(record({ name: 'reg', task: 'regression', labelColumn: 'price' })).labelColumn
    ).toBe('price')
  })

  it('finds names regardless of case and sorts them so', () => {
    const repo = new DatasetsRepo(db)
    repo.insert(record({ name: 'beta' }))
    repo.insert(record({ name: 'Alpha' }))
    expect(repo.find('ALPHA')?.name).toBe('Alpha')
    expect(repo.list().map((d) => d.name)).toEqual(['Alpha', 'beta'])
  })

  it('deletes by id', () => {
    const repo = new DatasetsRepo(db)
    const { id } = repo.insert(record())
    expect([repo.delete(id), repo.delete(id), repo.list()]).toEqual([true, false, []])
  })
})
