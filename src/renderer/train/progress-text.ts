/** What the progress line shows, computed from a run.progress event. */
import type { RunProgressEvent } from '../../contract/runs'

/** The share of the whole run done, in [0, 1]. */
export function runFraction(p: RunProgressEvent): number {
  const total = p.epochs * p.stepsPerEpoch
  return total > 0 ? Math.min(1, (p.epoch * p.stepsPerEpoch + p.step) / total) : 0
}

/**
 * Seconds left in the whole run at this epoch's pace: the event's own estimate for this epoch,
 * plus the epochs still to come at the same seconds per batch (validation not counted).
 */
export function runEtaSeconds(p: RunProgressEvent): number {
  const elapsed = p.samplesPerSecond > 0 ? p.seen / p.samplesPerSecond : 0
  const perStep = p.step > 0 ? elapsed / p.step : 0
  return p.etaSeconds + (p.epochs - p.epoch - 1) * p.stepsPerEpoch * perStep
}

/** 0.4 → "<1 s", 75 → "1 min 15 s", 3725 → "1 h 2 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 1) return '<1 s'
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
}
