/** One line of a LineChart. Its values are copied: the chart never holds a caller's array. */
export interface LineSeries {
  label: string
  /** Palette slot 1…6 (--series-N in palette.css); defaults to the series' position. */
  color?: number
  /**
   * Draw the values faintly and, over them, their debiased moving average with this weight in
   * [0, 1) (0.9 ≈ the last ten values).
   */
  smoothing?: number
  dashed?: boolean
  /** Thin and pale: a band's edges, the single seeds behind their mean. */
  faint?: boolean
  /** Shade the area between this line and series `fillTo` (an index into the same series list). */
  fillTo?: number
  /** Draw only a marker at each value, no line: a dot or a cross. */
  markers?: 'dot' | 'cross'
  /** Initial values; stream more with the chart's append(). */
  x?: readonly number[]
  y?: readonly number[]
}

/** What a LineChart offers through a template ref, for updates that bypass Vue's reactivity. */
export interface LineChartHandle {
  /** Replaces series i's values (copied). */
  setPoints(series: number, x: ArrayLike<number>, y: ArrayLike<number>): void
  /** Adds one value to series i. */
  append(series: number, x: number, y: number): void
  /** Empties every series. */
  clear(): void
}
