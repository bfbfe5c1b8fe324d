/**
 * Independent float64 references for the Learn demos' tests: the analytic derivatives of the
 * 1D functions, the analytic gradients of the 2D surfaces, and the Keras 3 update rules of the
 * raced optimizers written out from REFERENCE.md's table — nothing here calls the engine.
 */
import type { Function1dId } from '../../../src/renderer/learn/demos/functions1d'
import type { RacerId } from '../../../src/renderer/learn/demos/racers'
import type { SurfaceId } from '../../../src/renderer/learn/demos/surfaces2d'

export const reference1d: Record<Function1dId, { f(x: number): number; df(x: number): number }> = {
  square: { f: (x) => x * x, df: (x) => 2 * x },
  cosine: { f: Math.cos, df: (x) => -Math.sin(x) },
  twoValleys: {
    f: (x) => x ** 4 / 4 + x ** 3 / 6 - (3 * x * x) / 2,
    df: (x) => x ** 3 + x ** 2 / 2 - 3 * x
  }
}

type Vec = [number, number]

export const reference2d: Record<SurfaceId, { f(p: Vec): number; grad(p: Vec): Vec }> = {
  rosenbrock: {
    f: ([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    grad: ([x, y]) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]
  },
  beale: {
    f: ([x, y]) =>
      (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2,
    grad: ([x, y]) => {
      const a = 1.5 - x + x * y
      const b = 2.25 - x + x * y * y
      const c = 2.625 - x + x * y ** 3
      return [
        2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1),
        2 * a * x + 4 * b * x * y + 6 * c * x * y * y
      ]
    }
  },
  saddle: { f: ([x, y]) => x * x - y * y, grad: ([x, y]) => [2 * x, -2 * y] },
  bowl: { f: ([x, y]) => x * x + 25 * y * y, grad: ([x, y]) => [2 * x, 50 * y] }
}

/** One optimizer's state and step on a 2-vector, as Keras 3 defines it (defaults from its table). */
function referenceStep(id: RacerId, lr: number): (w: Vec, g: Vec) => void {
  const eps = 1e-7
  const slot1: Vec = id === 'adagrad' ? [0.1, 0.1] : [0, 0]
  const slot2: Vec = [0, 0]
  let t = 0
  return (w, g) => {
    t++
    for (let i = 0; i < 2; i++) {
      switch (id) {
        case 'sgd':
          w[i] -= lr * g[i]
          break
        case 'momentum':
        case 'nesterov':
          slot1[i] = 0.9 * slot1[i] - lr * g[i]
          w[i] += id === 'nesterov' ? 0.9 * slot1[i] - lr * g[i] : slot1[i]
          break
        case 'adagrad':
          slot1[i] += g[i] * g[i]
          w[i] -= (lr * g[i]) / Math.sqrt(slot1[i] + eps)
          break
        case 'rmsprop':
          slot1[i] = 0.9 * slot1[i] + 0.1 * g[i] * g[i]
          w[i] -= (lr * g[i]) / Math.sqrt(slot1[i] + eps)
          break
        case 'adam': {
          slot1[i] += (g[i] - slot1[i]) * 0.1
          slot2[i] += (g[i] * g[i] - slot2[i]) * 0.001
          const alpha = (lr * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t)
          w[i] -= (alpha * slot1[i]) / (Math.sqrt(slot2[i]) + eps)
          break
        }
      }
    }
  }
}

/** N steps of a raced optimizer in float64 from start; the final point and loss. */
export function referenceRun(
  surfaceId: SurfaceId,
  racerId: RacerId,
  lr: number,
  start: readonly [number, number],
  steps: number
): { point: Vec; loss: number } {
  const { f, grad } = reference2d[surfaceId]
  const step = referenceStep(racerId, lr)
  const w: Vec = [start[0], start[1]]
  for (let t = 0; t < steps && Number.isFinite(f(w)); t++) step(w, grad(w))
  const loss = f(w)
  return { point: w, loss: Number.isFinite(loss) ? loss : Infinity }
}
