/** Data-set descriptions as datasets.list gives them, for the builder's tests. */
import type { DatasetInfo } from '../../../src/contract/datasets'

/** MNIST's training label counts 0..9 (REFERENCE.md). */
const mnistCounts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]

export const mnist: DatasetInfo = {
  name: 'mnist',
  source: 'builtin',
  description: 'MNIST handwritten digits 0–9, 28×28 grey-scale (LeCun et al.)',
  format: null,
  task: 'multiclass',
  count: 60_000,
  testCount: 10_000,
  featureShape: [784],
  imageShape: [28, 28],
  numClasses: 10,
  classNames: null,
  classCounts: mnistCounts,
  createdAt: null,
  samples: []
}

export const sine: DatasetInfo = {
  ...mnist,
  name: 'sine',
  description: 'Synthetic: regression: y = sin(πx) plus noise, x in [-1, 1]',
  task: 'regression',
  count: 1000,
  testCount: 250,
  featureShape: [1],
  imageShape: null,
  numClasses: 0,
  classCounts: []
}

export const moons: DatasetInfo = {
  ...sine,
  name: 'moons',
  description: 'Synthetic: two interleaving half circles (scikit-learn make_moons)',
  task: 'binary',
  featureShape: [2],
  numClasses: 2,
  classCounts: [500, 500]
}
