/** Crash recovery: which runs no live runner holds any more. */

/** A worker writes a heartbeat every few seconds; this much silence means it is gone. */
export const STALE_HEARTBEAT_MS = 60_000

/** Signal 0 tests for a process without touching it; EPERM means it exists (another user's). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface HeldRun {
  ownerPid: number | null
  heartbeatAt: number | null
}

/**
 * A queued, running or paused run is orphaned when its owner process is dead, or when its
 * heartbeat went stale (a hung process, or a pid reused after a reboot). A run of another live
 * process that keeps beating — the CLI training while the app is open — is not.
 */
export function isOrphaned(run: HeldRun, now: number, isAlive: (pid: number) => boolean): boolean {
  if (run.ownerPid === null || run.heartbeatAt === null) return true
  return !isAlive(run.ownerPid) || now - run.heartbeatAt > STALE_HEARTBEAT_MS
}
