import type { StopSignal } from '../../engine/model'
import { changeCount, isSet, PAUSE, STOP, waitForChange } from './control'
import { HEARTBEAT_MS, type RunLink } from './run-link'

/**
 * fit()'s stop signal, read before every batch: a stop asked through the shared control block
 * (this process's Runner) or the run's row (any process). A pause blocks right here, between
 * two batches, until it is lifted — the heartbeat goes on meanwhile, so recovery leaves a
 * paused run alone. Time spent paused is kept out of the run's training time.
 */
export class RunSignal implements StopSignal {
  private pausedMs = 0
  /** Set once a stop was seen: the run ends 'stopped' by request. */
  stopped = false

  constructor(
    private readonly control: Int32Array,
    private readonly link: RunLink,
    private readonly onPauseChange: (paused: boolean) => void
  ) {}

  stopRequested(): boolean {
    if (!this.stopAsked() && this.pauseAsked()) this.waitWhilePaused()
    this.stopped ||= this.stopAsked()
    return this.stopped
  }

  /** Milliseconds since an arbitrary origin, pauses left out: the clock of training time. */
  activeMs(): number {
    return performance.now() - this.pausedMs
  }

  private stopAsked(): boolean {
    return isSet(this.control, STOP) || this.link.requests.stop
  }

  private pauseAsked(): boolean {
    return isSet(this.control, PAUSE) || this.link.requests.pause
  }

  private waitWhilePaused(): void {
    const began = performance.now()
    this.link.flush()
    this.onPauseChange(true)
    for (;;) {
      const seen = changeCount(this.control)
      this.link.poll()
      if (this.stopAsked() || !this.pauseAsked()) break
      this.link.heartbeat()
      // Wakes at once on a local change; polls the row for other processes' requests.
      waitForChange(this.control, seen, Math.min(1000, HEARTBEAT_MS))
    }
    this.pausedMs += performance.now() - began
    this.onPauseChange(false)
  }
}
