import { gradOf, record } from '../autodiff'
import type { Tensor } from '../tensor'

/**
 * An elementwise op y = f(x) with derivative dy/dx = df(x, y) (given y too, so that e.g.
 * exp and sigmoid reuse their output). Every unary op and activation is one of these.
 */
export function unary(
  a: Tensor,
  f: (x: number) => number,
  df: (x: number, y: number) => number
): Tensor {
  return record(a.shape, [a], (out) => ({
    forward() {
      const x = a.data
      const y = out.data
      for (let i = 0; i < y.length; i++) y[i] = f(x[i])
    },
    backward() {
      const ga = gradOf(a)
      if (ga === null) return
      const x = a.data
      const y = out.data
      const gy = out.grad!
      for (let i = 0; i < ga.length; i++) ga[i] += gy[i] * df(x[i], y[i])
    }
  }))
}
