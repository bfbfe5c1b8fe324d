/** Round tick values, 1, 2 or 5 times a power of ten apart (labels: formatNumber in format.ts). */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!(max > min)) return [min]
  const rough = (max - min) / target
  const power = 10 ** Math.floor(Math.log10(rough))
  const ratio = rough / power
  // The nearest of 1, 2, 5, 10 in log terms (thresholds at their geometric means, as d3 does).
  const step =
    power *
    (ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.sqrt(2) ? 2 : 1)
  const ticks: number[] = []
  for (let k = Math.ceil(min / step); k * step <= max + step * 1e-9; k++) {
    // k·step, not repeated additions: no drift like 0.30000000000000004.
    ticks.push(Number((k * step).toPrecision(12)))
  }
  return ticks
}
