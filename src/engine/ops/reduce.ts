import { gradOf, record } from '../autodiff'
import { formatShape, type Shape, type Tensor } from '../tensor'

/** Sum over `axis` (negative counts from the end), or over all elements when axis is undefined. */
export function sum(a: Tensor, axis?: number, keepDims = false): Tensor {
  return reduceSum('sum', a, axis, keepDims, false)
}

export function mean(a: Tensor, axis?: number, keepDims = false): Tensor {
  return reduceSum('mean', a, axis, keepDims, true)
}

/**
 * Views a's shape as [outer, len, inner] around the reduced axis and sums over len, in float64,
 * always in the same order. The mean scales the sum by 1/len.
 */
function reduceSum(
  name: string,
  a: Tensor,
  axis: number | undefined,
  keepDims: boolean,
  average: boolean
): Tensor {
  const rank = a.shape.length
  const ax = axis === undefined ? undefined : axis < 0 ? axis + rank : axis
  if (ax !== undefined && (!Number.isInteger(ax) || ax < 0 || ax >= rank)) {
    throw new Error(`${name}: axis ${axis} is out of range for shape ${formatShape(a.shape)}`)
  }
  const len = ax === undefined ? a.size : a.shape[ax]
  const inner = ax === undefined ? 1 : a.shape.slice(ax + 1).reduce((p, d) => p * d, 1)
  const outer = len * inner === 0 ? 0 : a.size / (len * inner)
  const factor = average ? 1 / len : 1
  let shape: Shape
  if (ax === undefined) shape = keepDims ? a.shape.map(() => 1) : []
  else
    shape = keepDims
      ? a.shape.map((d, i) => (i === ax ? 1 : d))
      : a.shape.filter((_, i) => i !== ax)

  return record(shape, [a], (out) => ({
    forward() {
      const x = a.data
      const y = out.data
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          let s = 0
          for (let l = 0, at = o * len * inner + i; l < len; l++, at += inner) s += x[at]
          y[o * inner + i] = s * factor
        }
      }
    },
    backward() {
      const ga = gradOf(a)
      if (ga === null) return
      const gy = out.grad!
      for (let o = 0; o < outer; o++) {
        for (let l = 0; l < len; l++) {
          const row = (o * len + l) * inner
          for (let i = 0; i < inner; i++) ga[row + i] += gy[o * inner + i] * factor
        }
      }
    }
  }))
}
