import { readdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import type { DatasetInfo } from '../../../src/contract'
import { createDispatch, createHandlers } from '../../../src/main/api/handlers'
import type { AppContext } from '../../../src/main/context'
import { importedDatasets } from '../../../src/main/datasets/imported-store'
import { loadTrainingData } from '../../../src/main/datasets/training-data'
import { encodeIdx, images, labels } from '../../engine/data/idx-codec'
import { rejection, tempContext } from '../test-context'

let cleanup = (): void => {}
afterEach(() => cleanup())

function setup() {
  const t = tempContext()
  cleanup = t.cleanup
  const dispatch = createDispatch(createHandlers(t.ctx))
  const events: { event: string; payload: unknown }[] = []
  t.ctx.events.subscribe((event, payload) => events.push({ event, payload }))
  return { ctx: t.ctx, dispatch, events }
}

const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64')

/** Every file under the data folder except the database's own, relative, sorted. */
function dataFiles(ctx: AppContext): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [relative(ctx.dataFolder, join(dir, e.name))]
    )
  return walk(ctx.dataFolder)
    .filter((f) => !f.startsWith('descent.db'))
    .sort()
}

const rowCount = (ctx: AppContext): number =>
  (ctx.db.prepare('SELECT count(*) AS n FROM datasets').get() as { n: number }).n

/** 6 images of 2×3 with pixel value (sample·10 + position), labels 0 1 2 0 1 2. */
const tinyImages = images(6, 2, 3, (i) => (Math.floor(i / 6) * 10 + (i % 6)) % 256)
const tinyLabels = labels([0, 1, 2, 0, 1, 2])

describe('datasets.list and datasets.get', () => {
  it('lists MNIST with the published class counts and the synthetic sets at their default sizes', async () => {
    const { dispatch } = setup()
    const list = (await dispatch('datasets.list', {})) as DatasetInfo[]
    expect(list.map((d) => d.name)).toEqual([
      'mnist',
      'spiral',
      'circles',
      'xor',
      'moons',
      'blobs',
      'sine',
      'cubic'
    ])
    const mnist = list[0]
    expect(mnist).toMatchObject({
      source: 'builtin',
      task: 'multiclass',
      count: 60000,
      testCount: 10000,
      featureShape: [784],
      imageShape: [28, 28],
      numClasses: 10,
      samples: []
    })
    // REFERENCE.md: MNIST's training label counts.
    expect(mnist.classCounts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
    for (const d of list.slice(1)) {
      expect([d.count, d.testCount, d.featureShape]).toEqual([
        1000,
        250,
        [d.task === 'regression' ? 1 : 2]
      ])
      expect(d.classCounts.reduce((a, b) => a + b, 0)).toBe(d.task === 'regression' ? 0 : 1000)
    }
    expect(list.find((d) => d.name === 'sine')).toMatchObject({ task: 'regression', numClasses: 0 })
  })

  it('gives the first samples of MNIST as grey levels and of a synthetic set as features', async () => {
    const { dispatch } = setup()
    const mnist = (await dispatch('datasets.get', { name: 'MNIST', samples: 2 })) as DatasetInfo
    expect(mnist.name).toBe('mnist')
    // The first MNIST training digit is a 5, the second a 0 (LeCun's files).
    expect(mnist.samples.map((s) => s.label)).toEqual([5, 0])
    const pixels = Buffer.from(mnist.samples[0].pixels!, 'base64')
    expect(pixels.length).toBe(784)
    expect(Math.max(...pixels)).toBe(255)
    const sine = (await dispatch('datasets.get', { name: 'sine', samples: 3 })) as DatasetInfo
    expect(sine.samples).toHaveLength(3)
    for (const s of sine.samples) {
      expect(s.pixels).toBeNull()
      // y = sin(πx) + noise with noise σ = 0.1: the target stays near the curve.
      expect(Math.abs(s.target![0] - Math.sin(Math.PI * s.features![0]))).toBeLessThan(0.6)
    }
  })

  it('answers NOT_FOUND for a data set that does not exist', async () => {
    const { dispatch } = setup()
    const err = await rejection(dispatch('datasets.get', { name: 'nope' }))
    expect(err.code).toBe('NOT_FOUND')
  })
})

describe('datasets.import', () => {
  it('imports IDX files (one of them gzipped) and shows shapes, class counts and samples', async () => {
    const { ctx, dispatch, events } = setup()
    const info = (await dispatch('datasets.import', {
      name: 'tiny',
      format: 'idx',
      files: {
        images: b64(gzipSync(tinyImages)),
        labels: b64(tinyLabels),
        testImages: b64(images(2, 2, 3, () => 0)),
        testLabels: b64(labels([2, 1]))
      }
    })) as DatasetInfo
    expect(info).toMatchObject({
      name: 'tiny',
      source: 'imported',
      format: 'idx',
      task: 'multiclass',
      count: 6,
      testCount: 2,
      featureShape: [6],
      imageShape: [2, 3],
      numClasses: 3,
      classCounts: [2, 2, 2]
    })
    expect(events).toEqual([
      { event: 'datasets.changed', payload: { name: 'tiny', change: 'imported' } }
    ])
    expect(dataFiles(ctx)).toEqual([
      join('datasets', 'tiny', 'test-images.idx'),
      join('datasets', 'tiny', 'test-labels.idx'),
      join('datasets', 'tiny', 'train-images.idx.gz'),
      join('datasets', 'tiny', 'train-labels.idx')
    ])
    const got = (await dispatch('datasets.get', { name: 'TINY', samples: 2 })) as DatasetInfo
    expect(got.samples.map((s) => s.label)).toEqual([0, 1])
    expect([...Buffer.from(got.samples[1].pixels!, 'base64')]).toEqual([10, 11, 12, 13, 14, 15])
    const list = (await dispatch('datasets.list', {})) as DatasetInfo[]
    expect(list.at(-1)?.name).toBe('tiny')
  })

  it('imports CSV files, relabelling a test file that lacks a class by class name', async () => {
    const { ctx, dispatch } = setup()
    const train = 'a,b,species\n1,2,cat\n3,4,dog\n5,6,emu\n7,8,dog\n'
    const test = 'a,b,species\n9,9,emu\n0,0,cat\n'
    const info = (await dispatch('datasets.import', {
      name: 'pets',
      format: 'csv',
      files: { csv: b64(train), testCsv: b64(test) },
      labelColumn: 'species'
    })) as DatasetInfo
    expect(info).toMatchObject({
      count: 4,
      testCount: 2,
      numClasses: 3,
      classNames: ['cat', 'dog', 'emu'],
      classCounts: [1, 2, 1]
    })
    // The test file alone would number its classes cat 0, emu 1; the training file's numbering wins.
    const loaded = loadTrainingData({ dataset: 'pets' }, importedDatasets(ctx.db, ctx.dataFolder))
    expect([loaded.test!.labelOf(0), loaded.test!.labelOf(1)]).toEqual([2, 0])
    expect(Array.from(loaded.train.sampleFeatures(2))).toEqual([5, 6])
  })

  it('makes an imported set trainable by name through loadTrainingData', async () => {
    const { ctx, dispatch } = setup()
    await dispatch('datasets.import', {
      name: 'tiny',
      format: 'idx',
      files: { images: b64(tinyImages), labels: b64(tinyLabels) }
    })
    const data = loadTrainingData(
      { dataset: 'tiny', limit: 4 },
      importedDatasets(ctx.db, ctx.dataFolder)
    )
    expect([data.train.count, data.test, data.train.numClasses]).toEqual([4, null, 3])
    expect(() => loadTrainingData({ dataset: 'tiny' })).toThrow(/unknown data set "tiny"/)
  })

  it("reads an imported set's images into a storage when given one (inflated) and uses them there", async () => {
    const { ctx, dispatch } = setup()
    const testImages = images(2, 2, 3, (i) => i + 100)
    await dispatch('datasets.import', {
      name: 'tiny',
      format: 'idx',
      files: {
        images: b64(gzipSync(tinyImages)),
        labels: b64(tinyLabels),
        testImages: b64(testImages),
        testLabels: b64(labels([2, 1]))
      }
    })
    const given: Uint8Array[] = []
    const storage = (length: number) => {
      const bytes = new Uint8Array(length)
      given.push(bytes)
      return bytes
    }
    const stored = importedDatasets(ctx.db, ctx.dataFolder, storage)('tiny')!
    const plain = importedDatasets(ctx.db, ctx.dataFolder)('tiny')!
    // The two images files, whole (the gzipped one inflated); labels stay outside.
    expect(given.map((bytes) => bytes.length).sort((a, b) => a - b)).toEqual([
      testImages.length,
      tinyImages.length
    ])
    for (const split of ['train', 'test'] as const) {
      const [a, b] = [stored[split]!, plain[split]!]
      expect([a.count, a.numClasses, a.labelOf(1)]).toEqual([b.count, b.numClasses, b.labelOf(1)])
      expect(a.sampleFeatures(1)).toEqual(b.sampleFeatures(1))
    }
    // Used in place: a change in the storage's buffer is a change in the samples.
    given.find((bytes) => bytes.length === tinyImages.length)!.fill(255, 16, 16 + 6)
    expect(Array.from(stored.train.sampleFeatures(0))).toEqual([1, 1, 1, 1, 1, 1])
  })

  it('decodes an imported set once while it is held, and afresh when its files change', async () => {
    const { ctx, dispatch } = setup()
    await dispatch('datasets.import', {
      name: 'tiny',
      format: 'idx',
      files: { images: b64(tinyImages), labels: b64(tinyLabels) }
    })
    const resolve = importedDatasets(ctx.db, ctx.dataFolder)
    const first = resolve('tiny')!
    expect(resolve('tiny')).toBe(first)
    expect(importedDatasets(ctx.db, ctx.dataFolder)('tiny')).toBe(first)
    // Another set of images in the same file: a different size, so it is read again.
    writeFileSync(
      join(ctx.dataFolder, 'datasets', 'tiny', 'train-images.idx'),
      images(6, 2, 2, () => 7)
    )
    const changed = resolve('tiny')!
    expect(changed).not.toBe(first)
    expect(Array.from(changed.train.sampleFeatures(0))).toEqual(
      [7, 7, 7, 7].map((v) => Math.fround(v / 255))
    )
  })

  const malformed: [string, Record<string, string>, string, RegExp][] = [
    [
      'a CSV with a non-numeric cell',
      { csv: b64('a,b,label\n1,2,0\n3,oops,1\n') },
      'csv',
      /'oops' is not a number/
    ],
    [
      'a truncated IDX file',
      { images: b64(tinyImages.subarray(0, tinyImages.length - 5)), labels: b64(tinyLabels) },
      'images',
      /images, byte 47: .*36 bytes of data, the file has 31: truncated by 5/
    ],
    [
      'an IDX file with a wrong magic number',
      {
        images: b64(Uint8Array.from([0x12, 0x34, ...tinyImages.subarray(2)])),
        labels: b64(tinyLabels)
      },
      'images',
      /images, byte 0: wrong magic number: found 12 34 08 03/
    ],
    [
      'labels that do not match the images in number',
      { images: b64(tinyImages), labels: b64(labels([0, 1, 2])) },
      'labels',
      /label\/image count mismatch/
    ],
    [
      'a corrupt gzip file',
      {
        images: b64(
          Uint8Array.from(gzipSync(tinyImages)).map((v, i, a) =>
            i === a.length - 12 ? v ^ 0xff : v
          )
        ),
        labels: b64(tinyLabels)
      },
      'images',
      /corrupt gzip/
    ],
    [
      'a CSV test file with a class the training file lacks',
      { csv: b64('a,label\n1,x\n2,y\n'), testCsv: b64('a,label\n1,x\n2,z\n') },
      'testCsv',
      /label "z" does not occur in the training file, whose classes are x, y/
    ],
    [
      'a test file with other features than the training file',
      {
        images: b64(tinyImages),
        labels: b64(tinyLabels),
        testImages: b64(images(1, 3, 3, () => 0)),
        testLabels: b64(labels([1]))
      },
      'testImages',
      /3×3 features, the training samples 2×3/
    ]
  ]

  it.each(malformed)(
    'refuses %s with INVALID_DATA and changes nothing',
    async (_what, files, file, message) => {
      const { ctx, dispatch } = setup()
      await dispatch('datasets.import', {
        name: 'kept',
        format: 'idx',
        files: { images: b64(tinyImages), labels: b64(tinyLabels) }
      })
      const before = { files: dataFiles(ctx), rows: rowCount(ctx) }
      const format = 'csv' in files ? 'csv' : 'idx'
      const err = await rejection(dispatch('datasets.import', { name: 'bad', format, files }))
      expect(err.code).toBe('INVALID_DATA')
      expect(err.message).toMatch(message)
      expect(err.details).toMatchObject({ file })
      expect(typeof (err.details as { problem: string }).problem).toBe('string')
      expect({ files: dataFiles(ctx), rows: rowCount(ctx) }).toEqual(before)
    }
  )

  it('names the line and column of a bad CSV cell', async () => {
    const { dispatch } = setup()
    const err = await rejection(
      dispatch('datasets.import', {
        name: 'bad',
        format: 'csv',
        files: { csv: b64('a,b,label\n1,2,0\n3,oops,1\n') }
      })
    )
    expect(err.details).toMatchObject({ file: 'csv', line: 3, column: 2, columnName: 'b' })
  })

  it('refuses a taken or built-in name with CONFLICT and an incomplete set of files with BAD_INPUT', async () => {
    const { ctx, dispatch } = setup()
    const files = { images: b64(tinyImages), labels: b64(tinyLabels) }
    await dispatch('datasets.import', { name: 'tiny', format: 'idx', files })
    const before = dataFiles(ctx)
    expect(
      (await rejection(dispatch('datasets.import', { name: 'Tiny', format: 'idx', files }))).code
    ).toBe('CONFLICT')
    expect(
      (await rejection(dispatch('datasets.import', { name: 'Mnist', format: 'idx', files }))).code
    ).toBe('CONFLICT')
    const missing = await rejection(
      dispatch('datasets.import', { name: 'x', format: 'idx', files: { images: files.images } })
    )
    expect([missing.code, missing.message]).toEqual(['BAD_INPUT', 'idx import needs labels'])
    const mixed = await rejection(dispatch('datasets.import', { name: 'x', format: 'csv', files }))
    expect(mixed.code).toBe('BAD_INPUT')
    const column = await rejection(
      dispatch('datasets.import', { name: 'x', format: 'idx', files, labelColumn: 0 })
    )
    expect([column.code, column.message]).toEqual([
      'BAD_INPUT',
      'labelColumn applies to CSV files only'
    ])
    expect(dataFiles(ctx)).toEqual(before)
    expect(rowCount(ctx)).toBe(1)
  })

  it('refuses inputs that break the schema: a path as a name, bad base64, an unknown file role', async () => {
    const { dispatch } = setup()
    const files = { images: b64(tinyImages), labels: b64(tinyLabels) }
    for (const input of [
      { name: '../escape', format: 'idx', files },
      { name: 'NUL', format: 'idx', files },
      { name: 'a.csv', format: 'csv', files: { csv: b64('1,2\n') } },
      { name: 'x', format: 'idx', files: { images: 'not base64!', labels: files.labels } },
      { name: 'x', format: 'idx', files: { ...files, extra: files.labels } },
      { name: 'x', format: 'parquet', files },
      { name: 'x', format: 'csv', files: { csv: b64('1,2\n') }, labelColumn: -1 }
    ]) {
      const err = await rejection(dispatch('datasets.import', input))
      expect(err.toJSON()).toMatchObject({
        code: 'BAD_INPUT',
        details: { issues: expect.any(Array) }
      })
    }
  })
})

describe('datasets.delete', () => {
  it('removes an imported set, its row and its folder', async () => {
    const { ctx, dispatch, events } = setup()
    await dispatch('datasets.import', {
      name: 'tiny',
      format: 'idx',
      files: { images: b64(tinyImages), labels: b64(tinyLabels) }
    })
    expect(await dispatch('datasets.delete', { name: 'tiny' })).toEqual({
      name: 'tiny',
      deleted: true
    })
    expect(events.at(-1)).toEqual({
      event: 'datasets.changed',
      payload: { name: 'tiny', change: 'deleted' }
    })
    expect(dataFiles(ctx)).toEqual([])
    expect(rowCount(ctx)).toBe(0)
    expect((await rejection(dispatch('datasets.delete', { name: 'tiny' }))).code).toBe('NOT_FOUND')
    // The name is free again.
    await dispatch('datasets.import', {
      name: 'tiny',
      format: 'idx',
      files: { images: b64(tinyImages), labels: b64(tinyLabels) }
    })
  })

  it('refuses to delete a built-in set, or one an unfinished run still needs', async () => {
    const { ctx, dispatch } = setup()
    expect((await rejection(dispatch('datasets.delete', { name: 'mnist' }))).code).toBe('CONFLICT')
    await dispatch('datasets.import', {
      name: 'tiny',
      format: 'idx',
      files: { images: b64(tinyImages), labels: b64(tinyLabels) }
    })
    ctx.db
      .prepare(
        `INSERT INTO runs (name, dataset, optimizer, spec, seed, status, created_at) VALUES ('r', 'tiny', 'sgd', '{}', 1, 'interrupted', 0)`
      )
      .run()
    const err = await rejection(dispatch('datasets.delete', { name: 'tiny' }))
    expect(err.code).toBe('CONFLICT')
    expect(err.message).toMatch(/unfinished run/)
    expect(rowCount(ctx)).toBe(1)
    ctx.db.prepare(`UPDATE runs SET status = 'completed'`).run()
    await dispatch('datasets.delete', { name: 'tiny' })
    expect(rowCount(ctx)).toBe(0)
  })
})

describe('an IDX file of another type', () => {
  it('imports int labels and float images as they are', async () => {
    const { dispatch } = setup()
    const info = (await dispatch('datasets.import', {
      name: 'floats',
      format: 'idx',
      files: {
        images: b64(encodeIdx('float', [3, 2], [0.5, 1, 0, 0.25, 1, 1])),
        labels: b64(encodeIdx('int', [3], [1, 0, 1]))
      }
    })) as DatasetInfo
    expect(info).toMatchObject({
      count: 3,
      featureShape: [2],
      imageShape: null,
      numClasses: 2,
      classCounts: [1, 2]
    })
  })
})
