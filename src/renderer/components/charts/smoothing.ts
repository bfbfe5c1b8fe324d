/**
 * An exponential moving average with the start-up bias removed (as TensorBoard now smooths):
 * s_t = w·s_{t−1} + (1 − w)·y_t from s_0 = 0, divided by 1 − w^t, so the first values are not
 * pulled toward zero. Non-finite values pass through as NaN and do not disturb the average.
 */
export function smoothDebiased(ys: ArrayLike<number>, weight: number): number[] {
  if (!(weight >= 0 && weight < 1))
    throw new RangeError(`smoothing must be in [0, 1), got ${weight}`)
  const out = new Array<number>(ys.length)
  let average = 0
  let decay = 1
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i]
    if (!Number.isFinite(y)) {
      out[i] = NaN
      continue
    }
    average = weight * average + (1 - weight) * y
    decay *= weight
    out[i] = average / (1 - decay)
  }
  return out
}
