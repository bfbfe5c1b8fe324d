/**
 * The step pipeline shared by every optimizer: clip → decoupled weight decay → update rule →
 * iterations += 1, and the learning rate it uses. Expected values are worked out by hand.
 */
import { describe, expect, it } from 'vitest'
import { createOptimizer, optimizerNames } from '../../../src/engine/optimizers'

const f32 = (...values: number[]) => new Float32Array(values)
const list = (arrays: Float32Array[]) => arrays.map((a) => Array.from(a))

/** One plain-SGD step with lr 1 from w = 0, so w ends as −(the gradient the rule received). */
function receivedGradients(config: Record<string, unknown>, grads: Float32Array[]): number[][] {
  const params = grads.map((g) => new Float32Array(g.length))
  createOptimizer('sgd', { learning_rate: 1, ...config }).apply(params, grads)
  return list(params).map((w) => w.map((x) => -x + 0))
}

describe('gradient clipping', () => {
  it('clipnorm rescales each variable to its own norm, leaving smaller ones alone', () => {
    // ‖(3, 4)‖ = 5 → (0.6, 0.8); ‖(0.1, 0.2)‖ < 1 stays.
    const got = receivedGradients({ clipnorm: 1 }, [f32(3, 4), f32(0.1, 0.2)])
    expect(got[0][0]).toBeCloseTo(0.6, 6)
    expect(got[0][1]).toBeCloseTo(0.8, 6)
    expect(got[1]).toEqual([Math.fround(0.1), Math.fround(0.2)])
  })

  it('global_clipnorm rescales all variables by one factor from their joint norm', () => {
    // ‖(3, 4, 12)‖ = 13; limit 6.5 → factor 0.5.
    expect(receivedGradients({ global_clipnorm: 6.5 }, [f32(3, 4), f32(12)])).toEqual([
      [1.5, 2],
      [6]
    ])
    expect(receivedGradients({ global_clipnorm: 13 }, [f32(3, 4), f32(12)])).toEqual([[3, 4], [12]])
  })

  it('clipvalue clamps every element', () => {
    expect(receivedGradients({ clipvalue: 1 }, [f32(-3, 0.5, 5), f32(-1, 1)])).toEqual([
      [-1, 0.5, 1],
      [-1, 1]
    ])
  })

  it('a zero gradient passes clipnorm untouched (no 0/0)', () => {
    expect(receivedGradients({ clipnorm: 1 }, [f32(0, 0)])).toEqual([[0, 0]])
    expect(receivedGradients({ global_clipnorm: 1 }, [f32(0, 0)])).toEqual([[0, 0]])
  })

  it('a non-finite global norm turns the step into NaN, as in Keras, rather than into zeros', () => {
    const got = receivedGradients({ global_clipnorm: 1 }, [f32(1, 2), f32(Infinity)])
    expect(got.flat().every(Number.isNaN)).toBe(true)
  })

  it('happens before the update rule sees the gradient (Adam, whose step would hide a scale)', () => {
    // Adam's first step is ≈ lr·sign(g) whatever |g|, so compare with RMSprop whose is not.
    const clipped = [f32(0)]
    const plain = [f32(0)]
    createOptimizer('rmsprop', { learning_rate: 0.1, clipvalue: 0.5 }).apply(clipped, [f32(2)])
    createOptimizer('rmsprop', { learning_rate: 0.1 }).apply(plain, [f32(0.5)])
    expect(clipped[0][0]).toBe(plain[0][0])
  })
})

describe('decoupled weight decay', () => {
  it('shrinks the pre-update weights by lr·wd before the update rule runs', () => {
    // w = 2, g = 1, lr 0.1, wd 0.5: 2 − 0.1·0.5·2 − 0.1·1 = 1.8 (decay after would give 1.805).
    const w = [f32(2)]
    createOptimizer('sgd', { learning_rate: 0.1, weight_decay: 0.5 }).apply(w, [f32(1)])
    expect(w[0][0]).toBeCloseTo(1.8, 6)
  })

  it('uses the scheduled rate of the current step', () => {
    // Rates 1 then 0.5; g = 0 so only the decay moves w: 1 → 0.9 → 0.9 − 0.5·0.1·0.9 = 0.855.
    const schedule = {
      class_name: 'PiecewiseConstantDecay',
      config: { boundaries: [0], values: [1, 0.5] }
    }
    const optimizer = createOptimizer('sgd', { learning_rate: schedule, weight_decay: 0.1 })
    const w = [f32(1)]
    optimizer.apply(w, [f32(0)])
    expect(w[0][0]).toBeCloseTo(0.9, 6)
    optimizer.apply(w, [f32(0)])
    expect(w[0][0]).toBeCloseTo(0.855, 6)
  })

  it('applies to every optimizer that is given one', () => {
    for (const name of optimizerNames) {
      const w = [f32(1)]
      createOptimizer(name, { learning_rate: 0.1, weight_decay: 0.5 }).apply(w, [f32(0)])
      // g = 0 leaves every rule's step at 0, so only the decay remains: 1 − 0.1·0.5.
      expect(w[0][0], name).toBeCloseTo(0.95, 6)
    }
  })

  it('AdamW with weight_decay 0 is Adam, bit for bit', () => {
    const a = [f32(1, -2, 3)]
    const b = [f32(1, -2, 3)]
    const adam = createOptimizer('adam', { learning_rate: 0.1 })
    const adamw = createOptimizer('adamw', { learning_rate: 0.1, weight_decay: 0 })
    for (let k = 0; k < 3; k++) {
      adam.apply(a, [f32(0.5, k, -1)])
      adamw.apply(b, [f32(0.5, k, -1)])
    }
    expect(list(b)).toEqual(list(a))
  })
})

describe('learning rate and iterations', () => {
  it('each step uses the schedule at the iterations done before it', () => {
    // ExponentialDecay 1·0.5^(k/1): rates 1, 0.5, 0.25 for steps at iterations 0, 1, 2.
    const optimizer = createOptimizer('sgd', {
      learning_rate: {
        class_name: 'ExponentialDecay',
        config: { initial_learning_rate: 1, decay_steps: 1, decay_rate: 0.5 }
      }
    })
    const w = [f32(0)]
    const seen = []
    for (let k = 0; k < 3; k++) {
      seen.push(optimizer.learningRate)
      optimizer.apply(w, [f32(1)])
    }
    expect(seen).toEqual([1, 0.5, 0.25])
    expect(w[0][0]).toBe(-1.75)
    expect(optimizer.iterations).toBe(3)
  })

  it('setLearningRate replaces the schedule by a constant, also in getConfig', () => {
    const optimizer = createOptimizer('adam', {
      learning_rate: {
        class_name: 'CosineDecay',
        config: { initial_learning_rate: 1, decay_steps: 10 }
      }
    })
    optimizer.setLearningRate(0.125)
    const w = [f32(0)]
    optimizer.apply(w, [f32(1)])
    expect(optimizer.learningRate).toBe(0.125)
    expect(optimizer.getConfig().learning_rate).toBe(0.125)
    // Adam's first step is lr·g/(|g| + ε/√(1−β2)) ≈ lr.
    expect(w[0][0]).toBeCloseTo(-0.125, 5)
  })

  it('setLearningRate rejects a negative or non-finite rate', () => {
    const optimizer = createOptimizer('sgd')
    expect(() => optimizer.setLearningRate(-1)).toThrow(
      /learning_rate must be a finite number >= 0; got -1/
    )
    expect(() => optimizer.setLearningRate(NaN)).toThrow(/got NaN/)
  })
})
