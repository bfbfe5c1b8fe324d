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
