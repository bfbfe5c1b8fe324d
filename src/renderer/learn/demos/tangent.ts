/**
 * The lecture's linear approximation: near p, f(p + ε) ≈ f(p) + a·ε with a = f′(p) from the
 * engine's autodiff; the error of the approximation grows like ε².
 */
import { valueAndSlope, valuesAt, type Function1d } from './functions1d'

export interface Tangent {
  readonly p: number
  readonly value: number
  /** a = f′(p). */
  readonly slope: number
}

export interface ApproximationRow {
  readonly epsilon: number
  /** f(p) + a·ε */
  readonly linear: number
  /** f(p + ε) */
  readonly exact: number
  /** |f(p + ε) − (f(p) + a·ε)| */
  readonly error: number
}

export const defaultEpsilons: readonly number[] = [0.01, 0.1, 0.5, 1]

export function tangentAt(fn: Function1d, p: number): Tangent {
  return { p, ...valueAndSlope(fn, p) }
}

export function linearApproximation(
  fn: Function1d,
  { p, value, slope }: Tangent,
  epsilons: readonly number[] = defaultEpsilons
): ApproximationRow[] {
  const exact = valuesAt(
    fn,
    epsilons.map((e) => p + e)
  )
  return epsilons.map((epsilon, i) => {
    const linear = value + slope * epsilon
    return { epsilon, linear, exact: exact[i], error: Math.abs(exact[i] - linear) }
  })
}
