/** Which way a monitored quantity improves, as Keras's callbacks decide it. */
export type MonitorMode = 'auto' | 'min' | 'max'

/** 'auto': accuracies (any name holding "acc") improve upwards; losses and errors downwards. */
export function improvesUpwards(monitor: string, mode: MonitorMode): boolean {
  if (mode !== 'auto' && mode !== 'min' && mode !== 'max') {
    throw new Error(`monitor mode must be auto, min or max, got ${String(mode)}`)
  }
  return mode === 'max' || (mode === 'auto' && monitor.includes('acc'))
}
