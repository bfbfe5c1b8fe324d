/** Numerical Recipes' erfcc coefficients: erfc(z) ≈ t·exp(−z² + Σ cᵢtⁱ), t = 1/(1 + z/2), z ≥ 0. */
const COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277
]

/**
 * Complementary error function with fractional error below 1.2e-7 everywhere (a Chebyshev fit).
 * Relative accuracy in the tails is what keeps gelu(x) = ½x·erfc(−x/√2) accurate for negative x,
 * where 1 + erf(x/√2) would cancel.
 */
export function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  let poly = 0
  for (let i = COEFFICIENTS.length - 1; i >= 0; i--) poly = poly * t + COEFFICIENTS[i]
  const r = t * Math.exp(-z * z + poly)
  return x >= 0 ? r : 2 - r
}
