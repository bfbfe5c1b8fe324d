/**
 * The optimizers' update rules and gradient pipeline (see types.ts, UpdateKernels), value by
 * value in float64 with float32 storage. Index loops throughout: these run every step and must
 * not allocate.
 */

export function zero(x: Float32Array): void {
  x.fill(0)
}

export function sumOfSquares(x: Float32Array): number {
  let sum = 0
  for (let j = 0; j < x.length; j++) sum += x[j] * x[j]
  return sum
}

export function scale(x: Float32Array, factor: number): void {
  for (let j = 0; j < x.length; j++) x[j] *= factor
}

export function clamp(x: Float32Array, lo: number, hi: number): void {
  for (let j = 0; j < x.length; j++) x[j] = Math.min(Math.max(x[j], lo), hi)
}

export function weightDecay(w: Float32Array, rate: number): void {
  for (let j = 0; j < w.length; j++) w[j] -= w[j] * rate
}

export function sgd(w: Float32Array, g: Float32Array, lr: number): void {
  for (let j = 0; j < w.length; j++) w[j] -= lr * g[j]
}

export function sgdMomentum(
  w: Float32Array,
  g: Float32Array,
  v: Float32Array,
  lr: number,
  momentum: number,
  nesterov: boolean
): void {
  for (let j = 0; j < w.length; j++) {
    v[j] = momentum * v[j] - lr * g[j]
    w[j] += nesterov ? momentum * v[j] - lr * g[j] : v[j]
  }
}

export function rmsprop(
  w: Float32Array,
  g: Float32Array,
  s: Float32Array,
  m: Float32Array | null,
  gBar: Float32Array | null,
  lr: number,
  rho: number,
  oneMinusRho: number,
  momentum: number,
  epsilon: number
): void {
  for (let j = 0; j < w.length; j++) {
    s[j] = rho * s[j] + oneMinusRho * g[j] * g[j]
    let denominator = s[j] + epsilon
    if (gBar !== null) {
      gBar[j] = rho * gBar[j] + oneMinusRho * g[j]
      denominator = s[j] - gBar[j] * gBar[j] + epsilon
    }
    const increment = (lr * g[j]) / Math.sqrt(denominator)
    if (m !== null) {
      m[j] = momentum * m[j] + increment
      w[j] -= m[j]
    } else {
      w[j] -= increment
    }
  }
}

export function adagrad(
  w: Float32Array,
  g: Float32Array,
  a: Float32Array,
  lr: number,
  epsilon: number
): void {
  for (let j = 0; j < w.length; j++) {
    a[j] += g[j] * g[j]
    w[j] -= (lr * g[j]) / Math.sqrt(a[j] + epsilon)
  }
}

export function adam(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vMax: Float32Array | null,
  alpha: number,
  oneMinusBeta1: number,
  oneMinusBeta2: number,
  epsilon: number
): void {
  for (let j = 0; j < w.length; j++) {
    m[j] += (g[j] - m[j]) * oneMinusBeta1
    v[j] += (g[j] * g[j] - v[j]) * oneMinusBeta2
    if (vMax !== null) vMax[j] = Math.max(vMax[j], v[j])
    const vUsed = vMax !== null ? vMax[j] : v[j]
    w[j] -= (alpha * m[j]) / (Math.sqrt(vUsed) + epsilon)
  }
}

export function nadam(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  lr: number,
  oneMinusBeta1: number,
  oneMinusBeta2: number,
  epsilon: number,
  mScale: number,
  gScale: number,
  vScale: number
): void {
  for (let j = 0; j < w.length; j++) {
    m[j] += (g[j] - m[j]) * oneMinusBeta1
    v[j] += (g[j] * g[j] - v[j]) * oneMinusBeta2
    const mHat = mScale * m[j] + gScale * g[j]
    const vHat = vScale * v[j]
    w[j] -= (lr * mHat) / (Math.sqrt(vHat) + epsilon)
  }
}

export function adadelta(
  w: Float32Array,
  g: Float32Array,
  gradSquares: Float32Array,
  deltaSquares: Float32Array,
  lr: number,
  rho: number,
  oneMinusRho: number,
  epsilon: number
): void {
  for (let j = 0; j < w.length; j++) {
    gradSquares[j] = rho * gradSquares[j] + oneMinusRho * g[j] * g[j]
    const delta =
      (-Math.sqrt(deltaSquares[j] + epsilon) * g[j]) / Math.sqrt(gradSquares[j] + epsilon)
    deltaSquares[j] = rho * deltaSquares[j] + oneMinusRho * delta * delta
    w[j] += lr * delta
  }
}
