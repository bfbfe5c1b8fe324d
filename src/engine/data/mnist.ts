import type { Dataset } from './dataset'
import { datasetFromIdx } from './idx-dataset'

/** The four files of MNIST as LeCun distributes them (raw or gzipped IDX). */
export interface MnistFiles {
  trainImages: Uint8Array
  trainLabels: Uint8Array
  testImages: Uint8Array
  testLabels: Uint8Array
}

export const MNIST_FILE_NAMES: Record<keyof MnistFiles, string> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte'
}

const DIGITS = Array.from({ length: 10 }, (_, d) => String(d))

/** MNIST's 60000 training and 10000 test digits: uint8 pixels scaled by 1/255, classes '0'..'9'. */
export function loadMnist(files: MnistFiles): { train: Dataset; test: Dataset } {
  const load = (name: string, images: keyof MnistFiles, labels: keyof MnistFiles): Dataset =>
    datasetFromIdx(files[images], files[labels], {
      name,
      imagesFile: MNIST_FILE_NAMES[images],
      labelsFile: MNIST_FILE_NAMES[labels],
      numClasses: 10,
      classNames: [...DIGITS]
    })
  return {
    train: load('mnist', 'trainImages', 'trainLabels'),
    test: load('mnist-test', 'testImages', 'testLabels')
  }
}
