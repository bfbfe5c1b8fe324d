import { gradOf, record } from '../autodiff'
import { formatShape, type Tensor } from '../tensor'

/**
 * An elementwise binary op z = f(x, y) with partial derivatives dfdx and dfdy, for the three
 * layouts the engine supports: equal shapes, b of a's shape without its batch axis (a bias [F]
 * against [N, F]), or b a scalar. b's gradient sums over the rows it was broadcast across.
 */
export function broadcastBinary(
  name: string,
  a: Tensor,
  b: Tensor,
  f: (x: number, y: number) => number,
  dfdx: (x: number, y: number) => number,
  dfdy: (x: number, y: number) => number
): Tensor {
  const width = b.size
  if (!broadcastsOver(a, b)) {
    throw new Error(
      `${name}: cannot combine shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}; ` +
        'b must have the same shape, the shape without the batch axis, or be a scalar'
    )
  }
  const rows = width === 0 ? 0 : a.size / width
  return record(a.shape, [a, b], (out) => ({
    forward() {
      const x = a.data
      const y = b.data
      const z = out.data
      for (let r = 0, i = 0; r < rows; r++) {
        for (let j = 0; j < width; j++, i++) z[i] = f(x[i], y[j])
      }
    },
    backward() {
      const x = a.data
      const y = b.data
      const gz = out.grad!
      const ga = gradOf(a)
      const gb = gradOf(b)
      for (let r = 0, i = 0; r < rows; r++) {
        for (let j = 0; j < width; j++, i++) {
          if (ga !== null) ga[i] += gz[i] * dfdx(x[i], y[j])
          if (gb !== null) gb[j] += gz[i] * dfdy(x[i], y[j])
        }
      }
    }
  }))
}

function broadcastsOver(a: Tensor, b: Tensor): boolean {
  if (b.shape.length === 0) return true
  const same = b.shape.length === a.shape.length && b.shape.every((d, i) => d === a.shape[i])
  const overBatch =
    b.shape.length === a.shape.length - 1 && b.shape.every((d, i) => d === a.shape[i + 1])
  return same || overBatch
}
