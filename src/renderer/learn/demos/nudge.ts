/**
 * The lecture's naive update: freeze every weight but one, nudge it by ±ε and run the network
 * forward twice (0.30 → 0.35 raises the loss 0.5 → 0.6, 0.25 lowers it to 0.4: keep the better
 * direction). The two losses estimate the slope; backpropagation gives it exactly.
 */
import { makeSynthetic } from '../../../engine'
import { ProbedNetwork, type WeightRef } from './probe'

export interface Nudge {
  weight: number
  /** The nudged values as stored (float32): w − ε and w + ε. */
  down: number
  up: number
  lossDown: number
  loss: number
  lossUp: number
  /** (L(w + ε) − L(w − ε)) / 2ε from the two forward passes. */
  slope: number
  /** ∂L/∂w from one backward pass. */
  gradient: number
}

export function nudge(net: ProbedNetwork, ref: WeightRef, epsilon: number): Nudge {
  if (!(epsilon > 0)) throw new RangeError(`the nudge ε must be positive, got ${epsilon}`)
  const weight = net.weight(ref)
  const up = Math.fround(weight + epsilon)
  const down = Math.fround(weight - epsilon)
  const lossUp = net.lossWith(ref, up)
  const lossDown = net.lossWith(ref, down)
  return {
    weight,
    down,
    up,
    lossDown,
    loss: net.loss(),
    lossUp,
    slope: (lossUp - lossDown) / (up - down),
    gradient: net.gradients()[ref.array][ref.index]
  }
}

/** The lecture's step for one weight: move it to whichever nudge lowered the loss, if either did. */
export function keepBetter(net: ProbedNetwork, ref: WeightRef, n: Nudge): void {
  const best = Math.min(n.lossDown, n.loss, n.lossUp)
  if (best === n.loss) return
  net.arrays[ref.array].values[ref.index] = best === n.lossUp ? n.up : n.down
}

/** The loss along one weight, the others frozen: `points` values of w across w ± halfWidth. */
export function lossSlice(
  net: ProbedNetwork,
  ref: WeightRef,
  halfWidth: number,
  points: number
): { ws: number[]; losses: number[] } {
  const w = net.weight(ref)
  const ws = Array.from(
    { length: points },
    (_, i) => w - halfWidth + (2 * halfWidth * i) / (points - 1)
  )
  return { ws, losses: ws.map((v) => net.lossWith(ref, v)) }
}

/** A 2-8-3 tanh network on 60 points of three blobs: small enough to show every weight. */
export function lectureNetwork(seed = 7): ProbedNetwork {
  return new ProbedNetwork({
    units: [8, 3],
    activation: 'tanh',
    data: makeSynthetic('blobs', { n: 60, classes: 3, seed }),
    seed
  })
}
