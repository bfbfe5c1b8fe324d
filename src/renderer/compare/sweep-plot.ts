/**
 * The learning-rate sensitivity plot of a sweep (DeepOBS): the monitored value at each rate of the
 * log grid, runs that diverged as crosses along the top, the best rate marked, and the rerun of the
 * best rate over new seeds as mean ± std.
 */
import type { SweepSummary } from '../../contract/experiments'
import type { LineSeries } from '../components/charts/series'

/** Where diverged runs are drawn: a tenth of the span above the highest finite value. */
export function topOf(values: readonly number[]): { bottom: number; top: number } {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return { bottom: 0, top: 1 }
  const low = Math.min(...finite)
  const high = Math.max(...finite)
  const span = high - low || Math.abs(high) || 1
  return { bottom: low, top: high + 0.1 * span }
}

export function sweepSeries(sweep: SweepSummary): LineSeries[] {
  const grid = [...sweep.grid].sort((a, b) => a.learningRate - b.learningRate)
  const finished = grid.filter((p) => p.value !== null && Number.isFinite(p.value))
  const diverged = grid.filter((p) => p.value !== null && !Number.isFinite(p.value))
  const rerun = sweep.rerun?.final[sweep.monitor]
  const spread =
    rerun && rerun.n > 0 ? [rerun.mean - rerun.std, rerun.mean + rerun.std] : ([] as number[])
  const { bottom, top } = topOf([...finished.map((p) => p.value!), ...spread])
  const series: LineSeries[] = [
    {
      label: `${sweep.monitor} at the last epoch`,
      color: 1,
      x: finished.map((p) => p.learningRate),
      y: finished.map((p) => p.value!)
    },
    {
      label: '',
      color: 1,
      markers: 'dot',
      x: finished.map((p) => p.learningRate),
      y: finished.map((p) => p.value!)
    }
  ]
  if (diverged.length) {
    series.push({
      label: 'diverged or failed (drawn at the top)',
      color: 2,
      markers: 'cross',
      x: diverged.map((p) => p.learningRate),
      y: diverged.map(() => top)
    })
  }
  const best = sweep.bestLearningRate
  if (best !== null) {
    series.push({
      label: `best rate ${best}`,
      color: 3,
      dashed: true,
      x: [best, best],
      y: [bottom, top]
    })
  }
  if (best !== null && rerun && rerun.n > 0) {
    series.push(
      {
        label: `rerun: mean ± std of ${rerun.n} seeds`,
        color: 4,
        x: [best, best],
        y: spread
      },
      { label: '', color: 4, markers: 'dot', x: [best], y: [rerun.mean] }
    )
  }
  return series
}
