import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Dataset } from '../../../src/engine/data/dataset'

/** 5 samples of 2×3 pixels; pixel j of sample i is 50·i + j, labels 2 0 1 2 2 of 3 classes. */
function pixels(): Dataset {
  const features = Uint8Array.from({ length: 30 }, (_, k) => 50 * Math.floor(k / 6) + (k % 6))
  return Dataset.fromUint8({
    name: 'px',
    features,
    featureShape: [6],
    imageShape: [2, 3],
    scale: 1 / 255,
    labels: Int32Array.from([2, 0, 1, 2, 2]),
    numClasses: 3,
    classNames: ['a', 'b', 'c']
  })
}

/** Float32 regression: 4 samples of 2 features, 2 targets each. */
function regression(): Dataset {
  return Dataset.fromFloat32({
    name: 'reg',
    features: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
    featureShape: [2],
    task: 'regression',
    labels: Float32Array.from([0.5, -1, 1.5, -2, 2.5, -3, 3.5, -4])
  })
}

const pixel = (i: number, j: number): number => Math.fround((50 * i + j) / 255)

describe('Dataset construction', () => {
  it('derives count, featureSize, targetDim and classes', () => {
    const d = pixels()
    expect([d.count, d.featureSize, d.targetDim, d.numClasses, d.task]).toEqual([
      5,
      6,
      3,
      3,
      'multiclass'
    ])
    expect(d.imageShape).toEqual([2, 3])
    const r = regression()
    expect([r.count, r.featureSize, r.targetDim, r.numClasses, r.task]).toEqual([
      4,
      2,
      2,
      0,
      'regression'
    ])
  })

  it('gives binary data sets 2 classes and one output', () => {
    const b = Dataset.fromFloat32({
      name: 'b',
      features: new Float32Array(3),
      featureShape: [1],
      task: 'binary',
      labels: Int32Array.from([0, 1, 1])
    })
    expect([b.numClasses, b.targetDim]).toEqual([2, 1])
  })

  it('infers multiclass numClasses as the largest label + 1', () => {
    const d = Dataset.fromFloat32({
      name: 'm',
      features: new Float32Array(3),
      featureShape: [1],
      task: 'multiclass',
      labels: Int32Array.from([0, 4, 1])
    })
    expect([d.numClasses, d.targetDim]).toEqual([5, 5])
  })

  it('rejects inconsistent inputs', () => {
    const base = {
      name: 'x',
      features: new Uint8Array(6),
      featureShape: [2],
      scale: 1,
      numClasses: 2
    }
    expect(() => Dataset.fromUint8({ ...base, labels: Int32Array.from([0, 1]) })).toThrow(
      /2 labels for 3 samples/
    )
    expect(() => Dataset.fromUint8({ ...base, labels: Int32Array.from([0, 1, 2]) })).toThrow(
      /label 2 of sample 2/
    )
    expect(() =>
      Dataset.fromUint8({ ...base, featureShape: [4], labels: new Int32Array(1) })
    ).toThrow(/not a whole number of 4-value samples/)
    expect(() =>
      Dataset.fromUint8({ ...base, imageShape: [3, 3], labels: new Int32Array(3) })
    ).toThrow(/imageShape/)
    expect(() => Dataset.fromUint8({ ...base, scale: 0, labels: new Int32Array(3) })).toThrow(
      /scale/
    )
    expect(() =>
      Dataset.fromUint8({ ...base, classNames: ['a'], labels: new Int32Array(3) })
    ).toThrow(/1 class names/)
    expect(() =>
      Dataset.fromFloat32({
        name: 'r',
        features: new Float32Array(3),
        featureShape: [1],
        task: 'regression',
        labels: new Float32Array(4)
      })
    ).toThrow(/4 targets/)
  })
})

describe('fillBatch', () => {
  it('writes scaled features and one-hot labels in the given order', () => {
    const d = pixels()
    const order = Uint32Array.from([4, 1, 3])
    const x = new Float32Array(12)
    const y = new Float32Array(6)
    d.fillBatch(order, 1, 3, x, y, 'onehot')
    const expectedX = [1, 3].flatMap((i) => Array.from({ length: 6 }, (_, j) => pixel(i, j)))
    expect(Array.from(x)).toEqual(expectedX)
    expect(Array.from(y)).toEqual([1, 0, 0, 0, 0, 1])
  })

  it('matches float32 division by 255, as Keras computes x / 255', () => {
    const all = Uint8Array.from({ length: 256 }, (_, v) => v)
    const d = Dataset.fromUint8({
      name: 'bytes',
      features: all,
      featureShape: [256],
      scale: 1 / 255,
      labels: new Int32Array(1),
      numClasses: 2
    })
    const x = new Float32Array(256)
    d.fillBatch(new Uint32Array(1), 0, 1, x, new Float32Array(2), 'onehot')
    for (let v = 0; v < 256; v++) expect(x[v]).toBe(Math.fround(v / 255))
    expect(x[0]).toBe(0)
    expect(x[255]).toBe(1)
  })

  it('writes sparse labels as class indices', () => {
    const y = new Float32Array(5)
    pixels().fillBatch(Uint32Array.from([0, 1, 2, 3, 4]), 0, 5, new Float32Array(30), y, 'sparse')
    expect(Array.from(y)).toEqual([2, 0, 1, 2, 2])
  })

  it('writes binary labels as one 0/1 column', () => {
    const b = Dataset.fromFloat32({
      name: 'b',
      features: Float32Array.from([10, 20, 30]),
      featureShape: [1],
      task: 'binary',
      labels: Int32Array.from([1, 0, 1])
    })
    const x = new Float32Array(3)
    const y = new Float32Array(3)
    b.fillBatch(Uint32Array.from([2, 1, 0]), 0, 3, x, y, 'onehot')
    expect(Array.from(x)).toEqual([30, 20, 10])
    expect(Array.from(y)).toEqual([1, 0, 1])
  })

  it('copies regression targets as they are', () => {
    const x = new Float32Array(4)
    const y = new Float32Array(4)
    regression().fillBatch(Uint32Array.from([3, 0]), 0, 2, x, y, 'onehot')
    expect(Array.from(x)).toEqual([7, 8, 1, 2])
    expect(Array.from(y)).toEqual([3.5, -4, 0.5, -1])
  })

  it('leaves buffer space past a partial batch untouched', () => {
    const x = new Float32Array(18).fill(-7)
    const y = new Float32Array(9).fill(-7)
    pixels().fillBatch(Uint32Array.from([0, 1, 2, 3, 4]), 3, 5, x, y, 'onehot')
    expect(Array.from(x.subarray(12))).toEqual(new Array(6).fill(-7))
    expect(Array.from(y.subarray(6))).toEqual([-7, -7, -7])
    expect(Array.from(y.subarray(0, 6))).toEqual([0, 0, 1, 0, 0, 1])
  })

  it('agrees with sampleFeatures and labelOf for any order', () => {
    const d = pixels()
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 12 }),
        (indices) => {
          const n = indices.length
          const x = new Float32Array(n * 6)
          const y = new Float32Array(n)
          d.fillBatch(Uint32Array.from(indices), 0, n, x, y, 'sparse')
          indices.forEach((i, b) => {
            expect(Array.from(x.subarray(b * 6, b * 6 + 6))).toEqual(
              Array.from(d.sampleFeatures(i))
            )
            expect(y[b]).toBe(d.labelOf(i))
          })
        }
      )
    )
  })

  it('rejects bad ranges, short buffers, unknown samples and sparse regression', () => {
    const d = pixels()
    const order = Uint32Array.from([0, 1, 7])
    expect(() =>
      d.fillBatch(order, 0, 4, new Float32Array(24), new Float32Array(12), 'onehot')
    ).toThrow(RangeError)
    expect(() =>
      d.fillBatch(order, 0, 2, new Float32Array(11), new Float32Array(6), 'onehot')
    ).toThrow(/x holds 11/)
    expect(() =>
      d.fillBatch(order, 0, 2, new Float32Array(12), new Float32Array(5), 'onehot')
    ).toThrow(/y holds 5/)
    expect(() =>
      d.fillBatch(order, 2, 3, new Float32Array(6), new Float32Array(3), 'onehot')
    ).toThrow(/sample 7/)
    expect(() =>
      regression().fillBatch(
        new Uint32Array(1),
        0,
        1,
        new Float32Array(2),
        new Float32Array(2),
        'sparse'
      )
    ).toThrow(/sparse labels/)
  })
})

describe('views and copies', () => {
  it('slice is a view of samples start..end-1 sharing storage', () => {
    const features = Uint8Array.from([1, 2, 3, 4, 5, 6])
    const d = Dataset.fromUint8({
      name: 'v',
      features,
      featureShape: [2],
      scale: 1,
      labels: Int32Array.from([0, 1, 0]),
      numClasses: 2
    })
    const s = d.slice(1, 3)
    expect([s.count, s.labelOf(0), s.labelOf(1)]).toEqual([2, 1, 0])
    expect(Array.from(s.sampleFeatures(0))).toEqual([3, 4])
    features[2] = 99
    expect(s.sampleFeatures(0)[0]).toBe(99)
    expect(() => d.slice(2, 4)).toThrow(RangeError)
    expect(() => d.slice(2, 1)).toThrow(RangeError)
  })

  it('slices regression targets row by row', () => {
    const s = regression().slice(1, 3)
    const y = new Float32Array(4)
    s.fillBatch(Uint32Array.from([0, 1]), 0, 2, new Float32Array(4), y, 'onehot')
    expect(Array.from(y)).toEqual([1.5, -2, 2.5, -3])
  })

  it('take copies the chosen samples in order, repeats allowed', () => {
    const features = Uint8Array.from([1, 2, 3, 4, 5, 6])
    const d = Dataset.fromUint8({
      name: 't',
      features,
      featureShape: [2],
      scale: 1,
      labels: Int32Array.from([0, 1, 0]),
      numClasses: 2
    })
    const t = d.take([2, 0, 2])
    features[4] = 77
    expect(t.count).toBe(3)
    expect(Array.from(t.sampleFeatures(0))).toEqual([5, 6])
    expect(Array.from(t.sampleFeatures(1))).toEqual([1, 2])
    expect([t.labelOf(0), t.labelOf(1), t.labelOf(2)]).toEqual([0, 0, 0])
    expect(() => d.take([3])).toThrow(/sample 3/)
  })

  it('limit keeps the first n samples, all when n exceeds the count', () => {
    const d = pixels()
    expect(d.limit(2).count).toBe(2)
    expect(d.limit(2).labelOf(1)).toBe(0)
    expect(d.limit(100).count).toBe(5)
    expect(() => d.limit(-1)).toThrow(RangeError)
  })

  it('splitValidation takes the last fraction as Keras does: split at floor(count·(1 − f))', () => {
    const d = Dataset.fromFloat32({
      name: 's',
      features: Float32Array.from({ length: 10 }, (_, i) => i),
      featureShape: [1],
      task: 'regression',
      labels: new Float32Array(10)
    })
    const { train, validation } = d.splitValidation(0.2)
    expect([train.count, validation.count]).toEqual([8, 2])
    expect(Array.from(validation.sampleFeatures(0))).toEqual([8])
    // 7·(1 − 0.3) is 4.8999999999999995 in float64, so Keras splits 4 | 3.
    expect(d.limit(7).splitValidation(0.3).train.count).toBe(4)
    // 10·(1 − 0.1) is exactly 9.
    expect(d.splitValidation(0.1).validation.count).toBe(1)
    expect(() => d.splitValidation(0)).toThrow(RangeError)
    expect(() => d.splitValidation(1)).toThrow(RangeError)
    expect(() => d.limit(1).splitValidation(0.5)).toThrow(/cannot be split/)
  })
})

describe('per-sample helpers', () => {
  it('labelOf, classCounts and sampleFeatures', () => {
    const d = pixels()
    expect(d.labelOf(0)).toBe(2)
    expect(d.classCounts()).toEqual([1, 1, 3])
    expect(Array.from(d.sampleFeatures(1))).toEqual(
      Array.from({ length: 6 }, (_, j) => pixel(1, j))
    )
    expect(() => d.labelOf(5)).toThrow(RangeError)
    expect(() => regression().labelOf(0)).toThrow(/no class labels/)
    expect(regression().classCounts()).toEqual([])
  })
})
