import { describe, expect, test } from 'vitest'
import { racer, racers } from '../../../src/renderer/learn/demos/racers'
import { surface } from '../../../src/renderer/learn/demos/surfaces2d'
import {
  distanceToMinimum,
  finalLoss,
  runTrajectory
} from '../../../src/renderer/learn/demos/trajectory'
import { reference2d, referenceRun } from './reference'

const last = (points: number[]): [number, number] => [points.at(-2)!, points.at(-1)!]

describe('optimizer paths on 2D surfaces', () => {
  test.each(racers.map((r) => [r.id, r] as const))(
    '%s on the bowl follows the Keras update rule written out in float64',
    (id, r) => {
      const bowl = surface('bowl')
      const lr = {
        sgd: 0.02,
        momentum: 0.01,
        nesterov: 0.01,
        adagrad: 0.5,
        rmsprop: 0.05,
        adam: 0.1
      }[id]
      const path = runTrajectory(bowl, r, lr, bowl.start, 40)
      expect(path.status).toBe('finished')
      expect(path.points).toHaveLength(2 * 41)
      const ref = referenceRun('bowl', id, lr, bowl.start, 40)
      const [x, y] = last(path.points)
      expect(x).toBeCloseTo(ref.point[0], 4)
      expect(y).toBeCloseTo(ref.point[1], 4)
      expect(path.losses.at(-1)!).toBeCloseTo(reference2d.bowl.f([x, y]), 5)
    }
  )

  test('steps to the target count the first point whose loss is at most the target', () => {
    const bowl = surface('bowl')
    const path = runTrajectory(bowl, racer('sgd'), 0.02, bowl.start, 300)
    const first = path.losses.findIndex((l) => l <= bowl.target)
    expect(first).toBeGreaterThan(0)
    expect(path.stepsToTarget).toBe(first)
    // Plain GD on x² alone: x_t = x0·(1 − 2·lr)^t, the slow direction that decides the count.
    const slowest = Math.log(Math.sqrt(bowl.target) / 2.5) / Math.log(1 - 2 * 0.02)
    expect(Math.abs(first - slowest)).toBeLessThan(3)
    expect(distanceToMinimum(bowl, path)).toBeLessThan(Math.sqrt(bowl.target))
  })

  test('a learning rate past the stability limit diverges and scores +∞', () => {
    const bowl = surface('bowl')
    // Along y the curvature is 50: plain GD is stable only for lr < 2/50.
    const path = runTrajectory(bowl, racer('sgd'), 0.05, bowl.start, 300)
    expect(path.status).toBe('diverged')
    expect(finalLoss(path)).toBe(Infinity)
    expect(distanceToMinimum(bowl, path)).toBeNull()
    expect(runTrajectory(bowl, racer('sgd'), 0.039, bowl.start, 300).status).toBe('finished')
  })

  test('on the saddle plain descent escapes slowly, at the rate its unstable direction grows', () => {
    const saddle = surface('saddle')
    const lr = 0.01
    const path = runTrajectory(saddle, racer('sgd'), lr, saddle.start, 1000)
    expect(path.status).toBe('escaped')
    // y_t = y0·(1 + 2·lr)^t: it leaves the box |y| ≤ 2 after log(2/y0)/log(1 + 2·lr) steps.
    const escape = Math.log(saddle.domain.y.max / saddle.start[1]) / Math.log(1 + 2 * lr)
    const steps = path.losses.length - 1
    expect(Math.abs(steps - Math.ceil(escape))).toBeLessThanOrEqual(1)
    const [x, y] = last(path.points)
    expect(y).toBe(saddle.domain.y.max)
    expect(Math.abs(x)).toBeLessThan(0.1)
    expect(finalLoss(path)).toBeCloseTo(x * x - 4, 5)
    expect(distanceToMinimum(saddle, path)).toBeNull()
  })
})
