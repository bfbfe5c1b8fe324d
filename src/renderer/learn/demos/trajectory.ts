/**
 * One optimizer's path over a 2D surface: the point (x, y) is a single Float32Array weight of
 * length 2, its gradient comes from the engine's autodiff and the engine's optimizer moves it.
 */
import { valueAndGrad } from '../../../engine/grad'
import { createRacerOptimizer, type Racer } from './racers'
import type { Point, Surface } from './surfaces2d'

/** finished: all steps taken; diverged: overflowed or flew far off; escaped: left the saddle's box. */
export type TrajectoryStatus = 'finished' | 'diverged' | 'escaped'

export interface Trajectory {
  /** x0, y0, x1, y1, …: the start and the point after each step. */
  readonly points: number[]
  /** The loss at each point. */
  readonly losses: number[]
  readonly status: TrajectoryStatus
  /** The first step whose loss is at most the surface's target, or null. */
  readonly stepsToTarget: number | null
}

export function runTrajectory(
  surface: Surface,
  racer: Racer,
  learningRate: number,
  start: Point,
  steps: number
): Trajectory {
  const lossAndGrad = valueAndGrad(surface.f)
  const optimizer = createRacerOptimizer(racer, learningRate)
  const weight = Float32Array.of(start[0], start[1])
  const gradient = new Float32Array(2)
  const points: number[] = []
  const losses: number[] = []
  let status: TrajectoryStatus = 'finished'
  let stepsToTarget: number | null = null
  const visit = (loss: number): void => {
    points.push(weight[0], weight[1])
    losses.push(loss)
    if (stepsToTarget === null && loss <= surface.target) stepsToTarget = losses.length - 1
  }

  for (let t = 0; ; t++) {
    const { value, grads } = lossAndGrad(weight[0], weight[1])
    if (!Number.isFinite(value) || outside(surface, weight, farBox)) {
      status = 'diverged'
      break
    }
    if (surface.minimum === null && outside(surface, weight, 0)) {
      // A surface without a minimum: the run ends where it crosses the edge of the box.
      clampInto(surface, weight)
      visit(lossAndGrad(weight[0], weight[1]).value)
      status = 'escaped'
      break
    }
    visit(value)
    if (t === steps) break
    gradient[0] = grads[0].item()
    gradient[1] = grads[1].item()
    optimizer.apply([weight], [gradient])
  }
  return { points, losses, status, stepsToTarget }
}

/** How many domain widths beyond the plotted box a run may wander before it counts as diverged. */
const farBox = 1

function outside(surface: Surface, w: Float32Array, margin: number): boolean {
  const { x, y } = surface.domain
  const mx = margin * (x.max - x.min)
  const my = margin * (y.max - y.min)
  return w[0] < x.min - mx || w[0] > x.max + mx || w[1] < y.min - my || w[1] > y.max + my
}

function clampInto(surface: Surface, w: Float32Array): void {
  const { x, y } = surface.domain
  w[0] = Math.min(x.max, Math.max(x.min, w[0]))
  w[1] = Math.min(y.max, Math.max(y.min, w[1]))
}

export function finalLoss(t: Trajectory): number {
  return t.status === 'diverged' ? Infinity : t.losses[t.losses.length - 1]
}

/** Euclidean distance from the last point to the surface's minimum (null without one). */
export function distanceToMinimum(surface: Surface, t: Trajectory): number | null {
  if (surface.minimum === null || t.status === 'diverged') return null
  const n = t.points.length
  const [mx, my] = surface.minimum.point
  return Math.hypot(t.points[n - 2] - mx, t.points[n - 1] - my)
}
