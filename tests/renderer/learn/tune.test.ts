import { describe, expect, test } from 'vitest'
import {
  defaultLearningRate,
  racer,
  racers,
  type RacerId
} from '../../../src/renderer/learn/demos/racers'
import { surface } from '../../../src/renderer/learn/demos/surfaces2d'
import { runTrajectory } from '../../../src/renderer/learn/demos/trajectory'
import { tune, tuneStepwise, tuningGrid } from '../../../src/renderer/learn/demos/tune'
import { referenceRun } from './reference'

describe('tuning the learning rate on a log grid', () => {
  test('the grid runs from 1e-4 to 1, three rates a decade', () => {
    expect(tuningGrid).toHaveLength(13)
    expect(tuningGrid[0]).toBe(1e-4)
    expect(tuningGrid[12]).toBe(1)
    expect(tuningGrid).toContain(0.001)
    expect(tuningGrid).toContain(0.01)
    for (let i = 1; i < tuningGrid.length; i++) {
      expect(tuningGrid[i] / tuningGrid[i - 1]).toBeCloseTo(10 ** (1 / 3), 2)
    }
  })

  test('the search yields once per rate, and picks the lowest loss it saw', () => {
    const bowl = surface('bowl')
    const search = tuneStepwise({
      surface: bowl,
      racer: racer('sgd'),
      start: bowl.start,
      steps: 50
    })
    const progress: number[] = []
    let next = search.next()
    while (!next.done) {
      progress.push(next.value)
      next = search.next()
    }
    expect(progress).toEqual(tuningGrid.map((_, i) => i + 1))
    const { learningRate, loss, scores } = next.value
    expect(scores.map((s) => s.learningRate)).toEqual(tuningGrid)
    expect(loss).toBe(Math.min(...scores.map((s) => s.loss)))
    expect(scores.find((s) => s.learningRate === learningRate)!.loss).toBe(loss)
    // Rates past the stability limit 2/50 diverge and lose.
    for (const s of scores) if (s.learningRate > 0.04) expect(s.loss).toBe(Infinity)
  })

  test.each(racers.map((r) => [r.id, r] as const))(
    '%s: on the bowl the tuned rate beats Keras’s default (checked in float64)',
    (id, r) => {
      const bowl = surface('bowl')
      const steps = 200
      const tuned = tune({ surface: bowl, racer: r, start: bowl.start, steps })
      const atTuned = referenceRun('bowl', id, tuned.learningRate, bowl.start, steps)
      const atDefault = referenceRun('bowl', id, defaultLearningRate(r), bowl.start, steps)
      expect(atTuned.loss).toBeLessThan(atDefault.loss)
      // And nothing else on the grid does clearly better in exact arithmetic.
      const best = Math.min(
        ...tuningGrid.map((lr) => referenceRun('bowl', id, lr, bowl.start, steps).loss)
      )
      expect(atTuned.loss).toBeLessThanOrEqual(best * 1.01 + 1e-30)
    }
  )

  /**
   * What the engine really does on Rosenbrock from (−1.2, 1) in 1000 steps at tuned rates,
   * confirmed by the float64 rules: momentum, Nesterov and Adam follow the valley to (1, 1);
   * RMSprop's constant-size steps rattle across the narrow valley and stall part-way along it.
   */
  const reachesMinimum: Record<'momentum' | 'nesterov' | 'adam' | 'rmsprop', boolean> = {
    momentum: true,
    nesterov: true,
    adam: true,
    rmsprop: false
  }
  test.each(Object.entries(reachesMinimum) as [RacerId, boolean][])(
    '%s at its tuned rate on Rosenbrock within 1000 steps: reaches the minimum region = %s',
    (id, reaches) => {
      const rosenbrock = surface('rosenbrock')
      const steps = 1000
      const tuned = tune({ surface: rosenbrock, racer: racer(id), start: rosenbrock.start, steps })
      const ref = referenceRun('rosenbrock', id, tuned.learningRate, rosenbrock.start, steps)
      const distance = Math.hypot(ref.point[0] - 1, ref.point[1] - 1)
      expect(distance < 0.05).toBe(reaches)
      // Even short of the minimum, tuning made real progress from f(start) = 24.2.
      expect(ref.loss).toBeLessThan(0.1)
      // The page's path ends where the float64 rules do.
      const path = runTrajectory(rosenbrock, racer(id), tuned.learningRate, rosenbrock.start, steps)
      expect(
        Math.hypot(path.points.at(-2)! - ref.point[0], path.points.at(-1)! - ref.point[1])
      ).toBeLessThan(0.02)
    }
  )
})
