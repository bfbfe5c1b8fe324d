import { gradOf, record } from '../autodiff'
import type { Rng } from '../random'
import type { Tensor } from '../tensor'

/**
 * Inverted dropout: each unit is kept with probability 1 − rate and scaled by 1/(1 − rate), so
 * inference needs no rescaling. The mask is redrawn from `rng` on every forward, replays included.
 * Outside training, or at rate 0, it is the identity (the input itself, no node).
 */
export function dropout(x: Tensor, rate: number, rng: Rng, training: boolean): Tensor {
  if (!(rate >= 0 && rate < 1)) throw new Error(`dropout: rate must be in [0, 1), got ${rate}`)
  if (!training || rate === 0) return x
  const keepScale = 1 / (1 - rate)
  const mask = new Float32Array(x.size)
  return record(x.shape, [x], (out) => ({
    forward() {
      const a = x.data
      const y = out.data
      for (let i = 0; i < y.length; i++) {
        mask[i] = rng.next() >= rate ? keepScale : 0
        y[i] = a[i] * mask[i]
      }
    },
    backward() {
      const gx = gradOf(x)
      if (gx === null) return
      const gy = out.grad!
      for (let i = 0; i < gx.length; i++) gx[i] += gy[i] * mask[i]
    }
  }))
}
