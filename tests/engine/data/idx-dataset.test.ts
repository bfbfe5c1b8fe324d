import { gzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { datasetFromIdx } from '../../../src/engine/data/idx-dataset'
import { dataError } from './data-error'
import { encodeIdx, images, labels } from './idx-codec'

const files = { name: 'digits', imagesFile: 'imgs', labelsFile: 'lbls' }

describe('datasetFromIdx', () => {
  it('makes a multiclass data set of uint8 images scaled by 1/255', () => {
    const d = datasetFromIdx(
      images(4, 2, 3, (i) => (i * 11) % 256),
      labels([3, 0, 1, 3]),
      files
    )
    expect([d.name, d.count, d.task, d.numClasses, d.targetDim]).toEqual([
      'digits',
      4,
      'multiclass',
      4,
      4
    ])
    expect(d.featureShape).toEqual([6])
    expect(d.imageShape).toEqual([2, 3])
    expect(Array.from(d.sampleFeatures(1))).toEqual(
      Array.from({ length: 6 }, (_, j) => Math.fround(((6 + j) * 11) / 255))
    )
    expect(d.classCounts()).toEqual([1, 1, 0, 2])
  })

  it('accepts gzipped files, a given class count and class names', () => {
    const d = datasetFromIdx(gzipSync(images(2, 1, 2, () => 255)), gzipSync(labels([1, 0])), {
      ...files,
      numClasses: 3,
      classNames: ['x', 'y', 'z']
    })
    expect([d.numClasses, d.classNames]).toEqual([3, ['x', 'y', 'z']])
    expect(Array.from(d.sampleFeatures(0))).toEqual([1, 1])
  })

  it('flattens 2-D and 4-D images without an imageShape, and keeps non-byte pixels as they are', () => {
    const flat = datasetFromIdx(
      encodeIdx('ubyte', [2, 5], new Array(10).fill(0)),
      labels([0, 1]),
      files
    )
    expect([flat.featureShape, flat.imageShape]).toEqual([[5], null])
    const color = datasetFromIdx(
      encodeIdx('ubyte', [1, 2, 2, 3], new Array(12).fill(0)),
      labels([1]),
      files
    )
    expect([color.featureShape, color.imageShape, color.numClasses]).toEqual([[12], null, 2])
    const floats = datasetFromIdx(
      encodeIdx('float', [2, 2], [0.5, -2, 300, 1]),
      labels([0, 1]),
      files
    )
    expect(Array.from(floats.sampleFeatures(1))).toEqual([300, 1])
    const wide = datasetFromIdx(
      images(2, 1, 1, () => 0),
      encodeIdx('int', [2], [1000, 2]),
      files
    )
    expect(wide.numClasses).toBe(1001)
  })

  it('rejects a labels file with more than one dimension', () => {
    const e = dataError(() =>
      datasetFromIdx(
        images(2, 1, 1, () => 0),
        images(2, 1, 1, () => 0),
        files
      )
    )
    expect([e.file, e.position]).toEqual(['lbls', 3])
    expect(e.problem).toBe(
      'dimension count mismatch: a labels file has 1 dimension, this one has 3'
    )
  })

  it('rejects an images file with one dimension', () => {
    const e = dataError(() => datasetFromIdx(labels([1, 2]), labels([1, 2]), files))
    expect(e.file).toBe('imgs')
    expect(e.problem).toMatch(
      /^dimension count mismatch: an images file needs at least 2 dimensions/
    )
  })

  it('rejects label and image counts that differ', () => {
    const e = dataError(() =>
      datasetFromIdx(
        images(3, 2, 2, () => 0),
        labels([1, 2]),
        files
      )
    )
    expect([e.file, e.position]).toEqual(['lbls', 4])
    expect(e.problem).toBe('label/image count mismatch: 2 labels in lbls, 3 images in imgs')
  })

  it('rejects a label out of range, naming its byte', () => {
    const e = dataError(() =>
      datasetFromIdx(
        images(3, 1, 1, () => 0),
        labels([9, 10, 2]),
        { ...files, numClasses: 10 }
      )
    )
    expect([e.file, e.position]).toEqual(['lbls', 9])
    expect(e.problem).toBe('label 10 of sample 1 is out of range 0..9')
    const negative = dataError(() =>
      datasetFromIdx(
        images(2, 1, 1, () => 0),
        encodeIdx('sbyte', [2], [0, -1]),
        files
      )
    )
    expect([negative.position, negative.problem]).toEqual([
      9,
      'label -1 of sample 1 is out of range 0..65535'
    ])
  })

  it('rejects float labels and empty files', () => {
    expect(
      dataError(() =>
        datasetFromIdx(
          images(1, 1, 1, () => 0),
          encodeIdx('float', [1], [1]),
          files
        )
      ).problem
    ).toBe('labels must be integers, this file holds floats')
    expect(
      dataError(() =>
        datasetFromIdx(
          images(0, 2, 2, () => 0),
          labels([]),
          files
        )
      ).problem
    ).toBe('the file holds no samples')
  })

  it('says when a position counts in gunzipped data', () => {
    const e = dataError(() =>
      datasetFromIdx(
        images(2, 1, 1, () => 0),
        gzipSync(labels([0, 10])),
        { ...files, numClasses: 10 }
      )
    )
    expect(e.message).toBe(
      'lbls, byte 9: label 10 of sample 1 is out of range 0..9 (in the gunzipped data)'
    )
  })
})
