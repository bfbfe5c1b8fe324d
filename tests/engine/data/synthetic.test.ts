import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/engine/data/dataset'
import { makeSynthetic, moons, spiral, syntheticNames } from '../../../src/engine/data/synthetic'

/** Every sample as [features..., target or class] in storage order. */
function rows(d: Dataset): number[][] {
  const order = Uint32Array.from({ length: d.count }, (_, i) => i)
  const x = new Float32Array(d.count * d.featureSize)
  const y = new Float32Array(d.count * (d.task === 'regression' ? d.targetDim : 1))
  d.fillBatch(order, 0, d.count, x, y, d.task === 'regression' ? 'onehot' : 'sparse')
  return Array.from({ length: d.count }, (_, i) => [
    ...x.subarray(i * d.featureSize, (i + 1) * d.featureSize),
    y[i]
  ])
}

const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-5

describe('synthetic data sets', () => {
  it('lists its sets', () => {
    expect([...syntheticNames].sort()).toEqual([
      'blobs',
      'circles',
      'cubic',
      'moons',
      'sine',
      'spiral',
      'xor'
    ])
  })

  it.each(syntheticNames)('%s is deterministic per seed', (name) => {
    const a = makeSynthetic(name, { n: 200, seed: 7 })
    expect(rows(makeSynthetic(name, { n: 200, seed: 7 }))).toEqual(rows(a))
    expect(rows(makeSynthetic(name, { n: 200, seed: 8 }))).not.toEqual(rows(a))
  })

  it('has the shapes and tasks a model needs', () => {
    const expected: Record<string, [number[], string, number, number]> = {
      spiral: [[2], 'multiclass', 3, 3],
      blobs: [[2], 'multiclass', 3, 3],
      circles: [[2], 'binary', 2, 1],
      xor: [[2], 'binary', 2, 1],
      moons: [[2], 'binary', 2, 1],
      sine: [[1], 'regression', 0, 1],
      cubic: [[1], 'regression', 0, 1]
    }
    for (const name of syntheticNames) {
      const d = makeSynthetic(name, { n: 30 })
      expect([d.featureShape, d.task, d.numClasses, d.targetDim], name).toEqual(expected[name])
      expect([d.name, d.count]).toEqual([name, 30])
    }
    expect(makeSynthetic('spiral').count).toBe(1000)
  })

  it('balances the classes to within one sample and shuffles them', () => {
    expect(spiral({ n: 1000 }).classCounts()).toEqual([334, 333, 333])
    expect(makeSynthetic('blobs', { n: 10, classes: 4 }).classCounts()).toEqual([3, 3, 2, 2])
    expect(moons({ n: 1001 }).classCounts()).toEqual([501, 500])
    expect(makeSynthetic('circles', { n: 7 }).classCounts()).toEqual([4, 3])
    expect(makeSynthetic('xor', { n: 10 }).classCounts()).toEqual([5, 5])
    // Shuffled: the last 20% (Keras's validation split) holds every class.
    const validation = spiral({ n: 300, classes: 5 }).splitValidation(0.2).validation
    expect(validation.classCounts().every((c) => c > 0)).toBe(true)
  })

  it('moons without noise lie on scikit-learn’s two half circles', () => {
    for (const [x, y, label] of rows(moons({ n: 51, noise: 0 }))) {
      if (label === 0) expect(close(x * x + y * y, 1) && y >= -1e-6).toBe(true)
      else expect(close((x - 1) ** 2 + (y - 0.5) ** 2, 1) && y <= 0.5 + 1e-6).toBe(true)
    }
  })

  it('circles without noise have radius 1 (class 0) and factor (class 1)', () => {
    for (const [x, y, label] of rows(makeSynthetic('circles', { n: 40, noise: 0, factor: 0.3 }))) {
      expect(close(Math.hypot(x, y), label === 0 ? 1 : 0.3)).toBe(true)
    }
  })

  it('xor without noise: class 1 exactly where the coordinates’ signs differ', () => {
    for (const [x, y, label] of rows(makeSynthetic('xor', { n: 100, noise: 0 }))) {
      expect(Math.abs(x) <= 1 && Math.abs(y) <= 1).toBe(true)
      expect(label).toBe(x * y < 0 ? 1 : 0)
    }
  })

  it('blobs without noise sit on their centres, evenly spaced on the unit circle', () => {
    for (const [x, y, label] of rows(makeSynthetic('blobs', { n: 20, noise: 0, classes: 4 }))) {
      const angle = (2 * Math.PI * label) / 4
      expect(close(x, Math.cos(angle)) && close(y, Math.sin(angle))).toBe(true)
    }
  })

  it('spiral arms without noise: radius r at angle 2πj/k + 4r', () => {
    for (const [x, y, label] of rows(spiral({ n: 90, noise: 0, classes: 3 }))) {
      const r = Math.hypot(x, y)
      expect(r).toBeLessThanOrEqual(1 + 1e-6)
      if (r < 1e-3) continue
      const t = (2 * Math.PI * label) / 3 + 4 * r
      expect(close(x, r * Math.sin(t)) && close(y, r * Math.cos(t))).toBe(true)
    }
  })

  it('regression curves without noise follow sin(πx) and x³ − x', () => {
    for (const [x, y] of rows(makeSynthetic('sine', { n: 50, noise: 0 }))) {
      expect(Math.abs(x)).toBeLessThanOrEqual(1)
      expect(y).toBe(Math.fround(Math.sin(Math.PI * x)))
    }
    for (const [x, y] of rows(makeSynthetic('cubic', { n: 50, noise: 0 }))) {
      expect(Math.abs(x)).toBeLessThanOrEqual(1.5)
      expect(y).toBe(Math.fround(x ** 3 - x))
    }
  })

  it('noise spreads the points by about its standard deviation', () => {
    const noisy = rows(makeSynthetic('sine', { n: 4000, noise: 0.3, seed: 3 }))
    const residuals = noisy.map(([x, y]) => y - Math.sin(Math.PI * x))
    const mean = residuals.reduce((a, b) => a + b, 0) / residuals.length
    const std = Math.sqrt(residuals.reduce((a, b) => a + (b - mean) ** 2, 0) / residuals.length)
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(std - 0.3)).toBeLessThan(0.02)
  })

  it('rejects bad options with clear errors', () => {
    expect(() => makeSynthetic('swiss-roll')).toThrow(
      /unknown synthetic data set "swiss-roll": choose one of spiral/
    )
    expect(() => makeSynthetic('spiral', { n: 0 })).toThrow(/n must be a whole number from 3/)
    expect(() => makeSynthetic('sine', { n: 2.5 })).toThrow(/n must be a whole number/)
    expect(() => makeSynthetic('moons', { noise: -0.1 })).toThrow(
      /noise must be a finite number ≥ 0/
    )
    expect(() => makeSynthetic('moons', { noise: NaN })).toThrow(/noise/)
    expect(() => makeSynthetic('spiral', { classes: 1 })).toThrow(
      /classes must be a whole number from 2/
    )
    expect(() => makeSynthetic('moons', { classes: 3 })).toThrow(/moons has 2 classes/)
    expect(() => makeSynthetic('sine', { classes: 2 })).toThrow(
      /regression set: classes does not apply/
    )
    expect(() => makeSynthetic('spiral', { factor: 0.5 })).toThrow(/factor applies to circles only/)
    expect(() => makeSynthetic('circles', { factor: 1 })).toThrow(
      /factor must lie strictly between 0 and 1/
    )
    expect(() => makeSynthetic('xor', { seed: 0.5 })).toThrow(/seed must be a whole number/)
  })
})
