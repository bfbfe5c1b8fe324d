/** Small data sets made inline, so the model tests depend only on the Dataset class. */
import { Dataset } from '../../../src/engine/data/dataset'
import { Rng } from '../../../src/engine/random'

/** Two Gaussian blobs (σ = 0.5) around (-1, -1) and (1, 1), classes alternating. */
export function twoBlobs(n: number, seed = 7): Dataset {
  const rng = new Rng(seed)
  const features = new Float32Array(n * 2)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const c = i % 2
    const centre = c === 0 ? -1 : 1
    features[2 * i] = centre + 0.5 * rng.normal()
    features[2 * i + 1] = centre + 0.5 * rng.normal()
    labels[i] = c
  }
  return Dataset.fromFloat32({
    name: 'blobs',
    features,
    featureShape: [2],
    task: 'multiclass',
    labels,
    numClasses: 2
  })
}

/** XOR on the four quadrants of [-1, 1]²: class 1 where the coordinates' signs differ. */
export function xorSet(n: number, seed = 3): Dataset {
  const rng = new Rng(seed)
  const features = new Float32Array(n * 2)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(-1, 1)
    const b = rng.uniform(-1, 1)
    features[2 * i] = a
    features[2 * i + 1] = b
    labels[i] = a * b < 0 ? 1 : 0
  }
  return Dataset.fromFloat32({ name: 'xor', features, featureShape: [2], task: 'binary', labels })
}

/** Regression rows: x given, target t. */
export function regression(x: number[][], t: number[]): Dataset {
  return Dataset.fromFloat32({
    name: 'regression',
    features: Float32Array.from(x.flat()),
    featureShape: [x[0].length],
    task: 'regression',
    labels: Float32Array.from(t),
    targetDim: 1
  })
}

export function sameBits(a: readonly Float32Array[], b: readonly Float32Array[]): boolean {
  return (
    a.length === b.length &&
    a.every((w, i) =>
      Buffer.from(w.buffer, w.byteOffset, w.byteLength).equals(
        Buffer.from(b[i].buffer, b[i].byteOffset, b[i].byteLength)
      )
    )
  )
}

/** Largest |a[i] - b[i]|; batch composition may change a kernel's rounding, not the maths. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]))
  return worst
}
