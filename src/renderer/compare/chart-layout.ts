/**
 * The lines of the comparison chart: one per run, or per seed group a mean line inside a shaded
 * mean ± std band (and, if asked, each seed faintly behind it). Every line knows where its points
 * come from, so live data can refill exactly the lines it touches.
 */
import type { LineSeries } from '../components/charts/series'
import { smoothDebiased } from '../components/charts/smoothing'
import { seedBand, type Band, type Curve } from './aggregate'

export interface LayoutGroup {
  label: string
  /** Indexes of its runs among the runs charted. */
  members: number[]
}

export type LineSource =
  | { kind: 'run'; run: number; presmoothed: boolean }
  | { kind: 'mean' | 'upper' | 'lower'; group: number }

export interface ChartLine {
  series: LineSeries
  source: LineSource
}

export interface LayoutOptions {
  /** Debiased moving-average weight for per-step curves; undefined draws values as they are. */
  smoothing?: number
  /** Draw each seed of a group faintly behind its band. */
  perSeed: boolean
}

/** Lines for runs one by one (groups null), or for seed groups. */
export function chartLines(
  runLabels: readonly string[],
  groups: readonly LayoutGroup[] | null,
  { smoothing, perSeed }: LayoutOptions
): ChartLine[] {
  if (!groups) {
    return runLabels.map((label, run) => ({
      series: { label, color: run + 1, smoothing },
      source: { kind: 'run', run, presmoothed: false }
    }))
  }
  const lines: ChartLine[] = []
  groups.forEach((group, g) => {
    const color = g + 1
    if (group.members.length === 1) {
      lines.push({
        series: { label: group.label, color, smoothing },
        source: { kind: 'run', run: group.members[0], presmoothed: false }
      })
      return
    }
    if (perSeed) {
      for (const run of group.members) {
        lines.push({
          series: { label: '', color, faint: true },
          source: { kind: 'run', run, presmoothed: true }
        })
      }
    }
    const lower = lines.length
    lines.push({ series: { label: '', color, faint: true }, source: { kind: 'lower', group: g } })
    lines.push({
      series: { label: '', color, faint: true, fillTo: lower },
      source: { kind: 'upper', group: g }
    })
    lines.push({
      series: { label: `${group.label} (mean ± std of ${group.members.length})`, color },
      source: { kind: 'mean', group: g }
    })
  })
  return lines
}

/** A curve smoothed with the debiased moving average (x unchanged). */
export function smoothCurve(curve: Curve, smoothing?: number): Curve {
  return smoothing === undefined ? curve : { x: curve.x, y: smoothDebiased(curve.y, smoothing) }
}

/**
 * Each group's mean ± std over its smoothed seed curves (curves indexed like the runs charted), so
 * the band and its mean match what the seed lines show.
 */
export function groupBands(
  curves: readonly Curve[],
  groups: readonly LayoutGroup[] | null,
  smoothing?: number
): Band[] {
  return (groups ?? []).map((g) =>
    seedBand(g.members.map((run) => smoothCurve(curves[run], smoothing)))
  )
}

/** The points of one line, from the runs' curves and the groups' bands. */
export function linePoints(
  source: LineSource,
  curves: readonly Curve[],
  bands: readonly Band[],
  smoothing?: number
): Curve {
  if (source.kind === 'run') {
    const curve = curves[source.run]
    return source.presmoothed ? smoothCurve(curve, smoothing) : curve
  }
  const band = bands[source.group]
  return { x: band.x, y: band[source.kind] }
}

/** The labels the chart's legend shows (lines without one are edges and single seeds). */
export function legendOf(lines: readonly ChartLine[]): string[] {
  return lines.map((l) => l.series.label).filter((label) => label !== '')
}
