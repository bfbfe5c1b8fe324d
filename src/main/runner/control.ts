/**
 * The control block a Runner shares with its training worker (an Int32Array over a
 * SharedArrayBuffer): flags the worker reads between batches, without any message round trip.
 */
export const STOP = 0
export const PAUSE = 1
/** Bumped on every change, so a paused worker blocked in Atomics.wait wakes at once. */
const WAKE = 2

export function createControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT))
}

export function setFlag(control: Int32Array, flag: typeof STOP | typeof PAUSE, on: boolean): void {
  Atomics.store(control, flag, on ? 1 : 0)
  Atomics.add(control, WAKE, 1)
  Atomics.notify(control, WAKE)
}

export function isSet(control: Int32Array, flag: typeof STOP | typeof PAUSE): boolean {
  return Atomics.load(control, flag) !== 0
}

/** A counter of flag changes: read it before checking the flags, then wait on it. */
export function changeCount(control: Int32Array): number {
  return Atomics.load(control, WAKE)
}

/** Blocks the calling worker until a flag changes after `seen` was read, or `timeoutMs` passes. */
export function waitForChange(control: Int32Array, seen: number, timeoutMs: number): void {
  Atomics.wait(control, WAKE, seen, timeoutMs)
}
