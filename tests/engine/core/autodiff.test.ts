import { describe, expect, it } from 'vitest'
import { markGradsStale, settleGrads, trace, zeroGrads } from '../../../src/engine/autodiff'
import { softmaxCrossEntropy, sparseSoftmaxCrossEntropy } from '../../../src/engine/losses/index'
import { add, dropout, matmul, mul, relu, sum, tanh } from '../../../src/engine/ops/index'
import { Rng } from '../../../src/engine/random'
import { Tensor } from '../../../src/engine/tensor'
import { uniform } from './gradcheck'

interface Params {
  w1: Tensor
  b1: Tensor
  w2: Tensor
  b2: Tensor
}

function makeParams(): Params {
  const p = (shape: number[], seed: number) => {
    const { values } = uniform(shape, -1, 1, seed)
    return Tensor.fromArray(values, shape, true)
  }
  // w2 is stored [out, in] and used transposed, to replay a transposed matmul too.
  return { w1: p([3, 5], 61), b1: p([5], 62), w2: p([4, 5], 63), b2: p([4], 64) }
}

function copyParams(p: Params): Params {
  const c = (t: Tensor) => Tensor.fromArray(t.data, t.shape, true)
  return { w1: c(p.w1), b1: c(p.b1), w2: c(p.w2), b2: c(p.b2) }
}

/** A small network: dense → relu → dropout → dense (transposed kernel) → fused softmax CE. */
function network(p: Params, x: Tensor, y: Tensor, rng: Rng, sparse: boolean): Tensor {
  const h = dropout(relu(add(matmul(x, p.w1), p.b1)), 0.25, rng, true)
  const logits = add(matmul(h, p.w2, false, true), p.b2)
  return sparse ? sparseSoftmaxCrossEntropy(logits, y) : softmaxCrossEntropy(logits, y)
}

function oneHotRows(labels: number[], classes: number): number[] {
  return labels.flatMap((l) => Array.from({ length: classes }, (_, j) => (j === l ? 1 : 0)))
}

/** Counts typed arrays constructed while `fn` runs, by swapping in counting constructors. */
function countTypedArrays(fn: () => void): number {
  const originals = { Float32Array, Float64Array }
  let count = 0
  const counting = <T extends object>(ctor: T): T =>
    new Proxy(ctor, {
      construct(target, args, newTarget) {
        count++
        return Reflect.construct(target as never, args, newTarget)
      }
    })
  globalThis.Float32Array = counting(Float32Array)
  globalThis.Float64Array = counting(Float64Array)
  try {
    fn()
  } finally {
    globalThis.Float32Array = originals.Float32Array
    globalThis.Float64Array = originals.Float64Array
  }
  return count
}

describe('tape replay', () => {
  for (const sparse of [false, true]) {
    it(`matches a fresh eager computation and allocates nothing (${sparse ? 'sparse' : 'one-hot'} targets)`, () => {
      const params = makeParams()
      const all = Object.values(params) as Tensor[]
      const batch = 6
      const x = Tensor.zeros([batch, 3])
      const y = Tensor.zeros(sparse ? [batch] : [batch, 4])
      const rng = new Rng(7)
      const { tape, result: loss } = trace(() => network(params, x, y, rng, sparse))

      const writeBatch = (seed: number) => {
        x.data.set(uniform([batch, 3], -2, 2, seed).values)
        const labels = Array.from({ length: batch }, (_, i) => (i * seed) % 4)
        y.data.set(sparse ? labels : oneHotRows(labels, 4))
      }
      const step = () => {
        zeroGrads(all)
        tape.forward()
        tape.backward(loss)
      }

      writeBatch(101)
      step()
      const buffers = tape.nodes.flatMap((n) => [n.output.data, n.output.grad])
      const paramBuffers = all.flatMap((t) => [t.data, t.grad])

      writeBatch(202)
      const rngBefore = rng.getState()
      expect(countTypedArrays(() => Tensor.zeros([3]))).toBe(1) // the counter itself works
      expect(countTypedArrays(step)).toBe(0)
      expect(tape.nodes.flatMap((n) => [n.output.data, n.output.grad])).toEqual(buffers)
      tape.nodes.forEach((n, i) => {
        expect(n.output.data).toBe(buffers[2 * i])
        expect(n.output.grad).toBe(buffers[2 * i + 1])
      })
      all.forEach((t, i) => {
        expect(t.data).toBe(paramBuffers[2 * i])
        expect(t.grad).toBe(paramBuffers[2 * i + 1])
      })

      // The same step eagerly, on copies of the parameters and the same dropout stream.
      const fresh = copyParams(params)
      const rng2 = new Rng(0)
      rng2.setState(rngBefore)
      const eagerLoss = network(fresh, x, y, rng2, sparse)
      eagerLoss.backward()
      expect(loss.item()).toBe(eagerLoss.item())
      const freshAll = Object.values(fresh) as Tensor[]
      all.forEach((t, i) => expect(Array.from(t.grad!)).toEqual(Array.from(freshAll[i].grad!)))
      expect(x.grad).toBeNull()
    })
  }

  it('records the ops created inside trace, in order, and nothing outside it', () => {
    const a = Tensor.fromArray([1, 2], [2], true)
    const before = tanh(a)
    const { tape, result } = trace(() => sum(mul(a, a)))
    tanh(a)
    expect(tape.nodes.length).toBe(2)
    expect(tape.nodes[1].output).toBe(result)
    expect(tape.nodes[0].inputs).toEqual([a, a])
    expect(tape.nodes.some((n) => n.output === before)).toBe(false)
  })

  it('resets intermediate gradients on every backward while parameters accumulate', () => {
    const w = Tensor.fromArray([0.5, -1.5], [2], true)
    const { tape, result: loss } = trace(() => sum(tanh(mul(w, w))))
    tape.backward(loss)
    const once = Array.from(w.grad!)
    tape.backward(loss)
    w.grad!.forEach((g, i) => expect(g).toBeCloseTo(2 * once[i], 6))
    zeroGrads([w])
    tape.backward(loss)
    expect(Array.from(w.grad!)).toEqual(once)
  })

  it('resets lazily: a stale gradient is overwritten or zeroed, never added to', () => {
    // w is used by two products and a square (the first write may overwrite, the others must
    // add), x·w's output feeds another product, and `unused` never gets a gradient.
    const values = (shape: number[], seed: number) => uniform(shape, -1, 1, seed).values
    const x = Tensor.fromArray(values([3, 4], 5), [3, 4])
    const f = (w1: Tensor, w2: Tensor, w3: Tensor, v: Tensor) =>
      add(sum(tanh(matmul(matmul(matmul(x, w1), w2), v))), sum(mul(w3, w3)))
    const w = Tensor.fromArray(values([4, 4], 6), [4, 4], true)
    const v = Tensor.fromArray(values([4, 2], 7), [4, 2], true)
    const unused = Tensor.fromArray([1, 2, 3], [3], true)
    const params = [w, v, unused]
    const { tape, result: loss } = trace(() => f(w, w, w, v))

    // Independent of how contributions combine: three copies of w, each used once, summed.
    const copies = [0, 1, 2].map(() => Tensor.fromArray(w.data, [4, 4], true))
    const vCopy = Tensor.fromArray(v.data, [4, 2], true)
    f(copies[0], copies[1], copies[2], vCopy).backward()
    const expectedW = Array.from(w.data, (_, i) => copies.reduce((s, c) => s + c.grad![i], 0))
    const close = (actual: Float32Array, expected: ArrayLike<number>) =>
      Array.from(actual).forEach((g, i) => expect(g).toBeCloseTo(expected[i], 5))

    // Garbage from "an earlier pass" in every gradient, parameters and intermediates alike.
    for (const t of [...params, ...tape.nodes.map((n) => n.output)]) t.grad?.fill(Number.NaN)
    markGradsStale(params)
    tape.backward(loss)
    settleGrads(params)
    close(w.grad!, expectedW)
    close(v.grad!, vCopy.grad!)
    expect(Array.from(unused.grad!)).toEqual([0, 0, 0])
    expect(params.some((t) => t.gradStale)).toBe(false)
    const lazy = params.map((t) => Array.from(t.grad!, (g) => g + 0)) // -0 and 0 alike
    // The eager reset gives bitwise the same.
    zeroGrads(params)
    tape.backward(loss)
    expect(params.map((t) => Array.from(t.grad!, (g) => g + 0))).toEqual(lazy)
  })

  it('replays the dropout mask from the rng on every forward', () => {
    const x = Tensor.fromArray(new Array(64).fill(1), [64])
    const rng = new Rng(3)
    const { tape, result } = trace(() => dropout(x, 0.5, rng, true))
    const first = Array.from(result.data)
    tape.forward()
    const second = Array.from(result.data)
    expect(second).not.toEqual(first)
    for (const v of [...first, ...second]) expect([0, 2]).toContain(v)
    expect(dropout(x, 0.5, rng, false)).toBe(x)
    expect(() => dropout(x, 1, rng, true)).toThrow(/rate/)
  })
})

describe('eager backward', () => {
  it('accumulates into leaves and reaches tensors used several times', () => {
    // f(a) = Σ (a·a + a) → ∂f/∂a = 2a + 1
    const a = Tensor.fromArray([1, -2, 3], [3], true)
    sum(add(mul(a, a), a)).backward()
    expect(Array.from(a.grad!)).toEqual([3, -3, 7])
    const b = Tensor.fromArray([1, 1], [2])
    expect(b.grad).toBeNull()
  })

  it('only a scalar can start the reverse pass', () => {
    const a = Tensor.fromArray([1, 2], [2], true)
    expect(() => tanh(a).backward()).toThrow(/scalar.*\[2\]/)
  })

  it('tensor basics', () => {
    expect(Tensor.scalar(2.5).shape).toEqual([])
    expect(Tensor.scalar(2.5).item()).toBe(2.5)
    expect(Tensor.zeros([2, 3]).size).toBe(6)
    expect(() => Tensor.fromArray([1, 2, 3], [2, 2])).toThrow(/3 values.*\[2,2\]/)
    expect(() => Tensor.zeros([2]).item()).toThrow(/\[2\]/)
    expect(Tensor.zeros([2], true).grad).toEqual(new Float32Array(2))
  })
})
