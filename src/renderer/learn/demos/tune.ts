/**
 * A fair race: for each optimizer, the learning rate from a log grid with the lowest loss after
 * N steps (a diverged run scores +∞), as DeepOBS tunes before it compares.
 */
import { logGrid } from './log-scale'
import type { Racer } from './racers'
import type { Point, Surface } from './surfaces2d'
import { finalLoss, runTrajectory } from './trajectory'

/** 1e-4 … 1, three rates a decade. */
export const tuningGrid: readonly number[] = logGrid(1e-4, 1, 13)

export interface TuneScore {
  readonly learningRate: number
  /** The loss after the last step; +∞ when the run diverged. */
  readonly loss: number
  /** Steps to reach the surface's target, or null: it breaks ties (float32 losses reach 0). */
  readonly stepsToTarget: number | null
}

export interface TuneResult extends TuneScore {
  readonly scores: readonly TuneScore[]
}

export interface TuneProblem {
  readonly surface: Surface
  readonly racer: Racer
  readonly start: Point
  readonly steps: number
}

/**
 * The search one rate at a time: yields after each run (how many are done) so a page can spread
 * it over animation frames; returns the result.
 */
export function* tuneStepwise(
  problem: TuneProblem,
  grid: readonly number[] = tuningGrid
): Generator<number, TuneResult> {
  const { surface, racer, start, steps } = problem
  const scores: TuneScore[] = []
  for (const learningRate of grid) {
    const run = runTrajectory(surface, racer, learningRate, start, steps)
    scores.push({ learningRate, loss: finalLoss(run), stepsToTarget: run.stepsToTarget })
    yield scores.length
  }
  return { ...scores.reduce((best, s) => (beats(s, best) ? s : best)), scores }
}

/** Lower loss wins; at equal loss, fewer steps to the target; at a full tie, the earlier rate. */
function beats(a: TuneScore, b: TuneScore): boolean {
  if (a.loss !== b.loss) return a.loss < b.loss
  return (a.stepsToTarget ?? Infinity) < (b.stepsToTarget ?? Infinity)
}

export function tune(problem: TuneProblem, grid: readonly number[] = tuningGrid): TuneResult {
  const search = tuneStepwise(problem, grid)
  for (;;) {
    const next = search.next()
    if (next.done) return next.value
  }
}
