import { describe, expect, it } from 'vitest'
import { loadMnist } from '../../../src/engine/data/mnist'
import { dataError } from './data-error'
import { images, labels } from './idx-codec'

/** MNIST-shaped stand-ins: the real files are read in tests/main/datasets/mnist-files.test.ts. */
function files(trainLabels = [5, 0, 4]): Parameters<typeof loadMnist>[0] {
  return {
    trainImages: images(trainLabels.length, 28, 28, (i) => i % 256),
    trainLabels: labels(trainLabels),
    testImages: images(2, 28, 28, () => 255),
    testLabels: labels([7, 2])
  }
}

describe('loadMnist', () => {
  it('names the sets, fixes 10 classes named 0..9 and 28×28 images', () => {
    const { train, test } = loadMnist(files())
    expect([train.name, test.name]).toEqual(['mnist', 'mnist-test'])
    expect([train.count, test.count]).toEqual([3, 2])
    expect([train.numClasses, train.targetDim, train.task]).toEqual([10, 10, 'multiclass'])
    expect(train.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
    expect([train.featureShape, train.imageShape]).toEqual([[784], [28, 28]])
    expect(test.labelOf(0)).toBe(7)
    expect(Array.from(test.sampleFeatures(1)).every((v) => v === 1)).toBe(true)
  })

  it('names the MNIST file a bad label sits in', () => {
    const e = dataError(() => loadMnist(files([5, 10, 4])))
    expect(e.message).toBe(
      'train-labels-idx1-ubyte, byte 9: label 10 of sample 1 is out of range 0..9'
    )
  })
})
