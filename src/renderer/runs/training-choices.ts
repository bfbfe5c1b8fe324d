/** What the Training resources panel offers: runs at once and threads per run that fit the cores. */
import type { TrainingSettings } from '../../contract/app'

export interface Choice<T> {
  value: T
  label: string
  /** It would ask for more threads than the machine has cores: the server would refuse it. */
  disabled: boolean
}

/** 1..n, and at least up to `current` so a value stored on a bigger machine still shows. */
const upTo = (n: number, current: number | null): number[] =>
  Array.from({ length: Math.max(n, current ?? 1) }, (_, i) => i + 1)

/** Threads each of `concurrency` runs gets when threads per run is automatic. */
export const automaticThreads = (cores: number, concurrency: number): number =>
  Math.max(1, Math.floor(cores / concurrency))

export function concurrencyChoices(
  cores: number,
  concurrency: number,
  threads: number | null
): Choice<number>[] {
  // Automatic threads always fit; set threads must fit each extra run as well.
  return upTo(cores, concurrency).map((n) => ({
    value: n,
    label: String(n),
    disabled: n * (threads ?? 1) > cores
  }))
}

export function threadChoices(
  cores: number,
  concurrency: number,
  threads: number | null
): Choice<number | null>[] {
  const automatic = {
    value: null,
    label: `Automatic (${automaticThreads(cores, concurrency)})`,
    disabled: false
  }
  const counts = upTo(cores, threads).map((n) => ({
    value: n,
    label: String(n),
    disabled: n * concurrency > cores
  }))
  return [automatic, ...counts]
}

export const countOf = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * "wasm-relaxed-simd ×2 threads"; a backend name that does not say its threads (one thread, or
 * the plain JS kernels) gets them added, so the line always tells how many a run gets.
 */
export function effectiveBackend(settings: TrainingSettings): string {
  const { engineBackend, threadsPerRun } = settings
  return /×\d+ threads?\b/.test(engineBackend)
    ? engineBackend
    : `${engineBackend}, ${countOf(threadsPerRun, 'thread')}`
}
