import { describe, expect, it } from 'vitest'
import { makeSynthetic, type Dataset } from '../../../src/engine'
import {
  keepBetter,
  lectureNetwork,
  lossSlice,
  nudge
} from '../../../src/renderer/learn/demos/nudge'
import { ProbedNetwork, type WeightRef } from '../../../src/renderer/learn/demos/probe'

/** The loss of a tanh Dense → softmax Dense network, written out in float64. */
function lossFloat64(arrays: readonly Float32Array[], data: Dataset, hidden: number): number {
  const [k1, b1, k2, b2] = arrays
  const features = data.featureSize
  const classes = b2.length
  let total = 0
  for (let s = 0; s < data.count; s++) {
    const x = data.sampleFeatures(s)
    const h = Array.from({ length: hidden }, (_, j) => {
      let z = b1[j]
      for (let i = 0; i < features; i++) z += x[i] * k1[i * hidden + j]
      return Math.tanh(z)
    })
    const logits = Array.from({ length: classes }, (_, c) => {
      let z = b2[c]
      for (let j = 0; j < hidden; j++) z += h[j] * k2[j * classes + c]
      return z
    })
    const max = Math.max(...logits)
    const logSum = max + Math.log(logits.reduce((sum, z) => sum + Math.exp(z - max), 0))
    total += logSum - logits[data.labelOf(s)]
  }
  return total / data.count
}

function blobsNetwork(): { net: ProbedNetwork; data: Dataset } {
  const data = makeSynthetic('blobs', { n: 40, classes: 3, seed: 5 })
  return { net: new ProbedNetwork({ units: [6, 3], activation: 'tanh', data, seed: 11 }), data }
}

const someWeights: WeightRef[] = [
  { array: 0, index: 0 },
  { array: 0, index: 7 },
  { array: 1, index: 2 },
  { array: 2, index: 5 },
  { array: 2, index: 17 },
  { array: 3, index: 1 }
]

describe('nudging one weight', () => {
  it('a forward pass gives the loss a float64 computation of the same network gives', () => {
    const { net, data } = blobsNetwork()
    const expected = lossFloat64(
      net.arrays.map((a) => a.values),
      data,
      6
    )
    expect(net.loss()).toBeCloseTo(expected, 5)
  })

  it('the nudged slope agrees with the autodiff gradient to 1e-3, weight by weight', () => {
    const { net } = blobsNetwork()
    for (const ref of someWeights) {
      const n = nudge(net, ref, 1e-2)
      expect(Math.abs(n.slope - n.gradient)).toBeLessThan(1e-3)
    }
  })

  it('the autodiff gradient matches a float64 central difference of the written-out loss', () => {
    const { net, data } = blobsNetwork()
    const grads = net.gradients()
    for (const ref of someWeights) {
      const arrays = net.arrays.map((a) => Float32Array.from(a.values))
      const h = 1e-3
      const at = (value: number): number => {
        const copy = arrays.map((a) => Float64Array.from(a))
        copy[ref.array][ref.index] = value
        return lossFloat64(copy as unknown as Float32Array[], data, 6)
      }
      const w = arrays[ref.array][ref.index]
      const slope = (at(w + h) - at(w - h)) / (2 * h)
      expect(grads[ref.array][ref.index]).toBeCloseTo(slope, 4)
    }
  })

  it('reports both forward passes around the weight and leaves the weight as it was', () => {
    const { net } = blobsNetwork()
    const ref = { array: 2, index: 4 }
    const before = net.weight(ref)
    const n = nudge(net, ref, 0.05)
    expect(n.weight).toBe(before)
    expect(net.weight(ref)).toBe(before)
    expect(n.up).toBeCloseTo(before + 0.05, 6)
    expect(n.down).toBeCloseTo(before - 0.05, 6)
    expect(n.lossUp).toBe(net.lossWith(ref, n.up))
    expect(n.lossDown).toBe(net.lossWith(ref, n.down))
    expect(n.loss).toBe(net.loss())
  })

  it('keeping the better direction lowers the loss, the way the slope says', () => {
    const net = lectureNetwork()
    const ref = { array: 2, index: 3 }
    const n = nudge(net, ref, 0.05)
    keepBetter(net, ref, n)
    expect(net.loss()).toBeLessThan(n.loss)
    expect(Math.sign(net.weight(ref) - n.weight)).toBe(-Math.sign(n.gradient))
  })

  it('uses three forward passes and one backward pass per nudge', () => {
    const net = lectureNetwork()
    nudge(net, { array: 0, index: 0 }, 0.1)
    expect(net.forwardPasses).toBe(4)
    expect(net.backwardPasses).toBe(1)
  })

  it('the lecture network is 2-8-3: P = 2·8 + 8 + 8·3 + 3', () => {
    const net = lectureNetwork()
    expect(net.arrays.map((a) => a.shape)).toEqual([[2, 8], [8], [8, 3], [3]])
    expect(net.paramCount).toBe(51)
  })

  it('slices the loss along one weight, through the loss at the weight itself', () => {
    const net = lectureNetwork()
    const ref = { array: 0, index: 3 }
    const w = net.weight(ref)
    const { ws, losses } = lossSlice(net, ref, 0.5, 11)
    expect(ws[0]).toBeCloseTo(w - 0.5, 12)
    expect(ws[10]).toBeCloseTo(w + 0.5, 12)
    expect(losses[5]).toBe(net.loss())
    expect(losses[6]).toBe(net.lossWith(ref, ws[6]))
    expect(net.weight(ref)).toBe(w)
  })

  it('refuses a non-positive ε', () => {
    expect(() => nudge(lectureNetwork(), { array: 0, index: 0 }, 0)).toThrow(/positive/)
  })
})
