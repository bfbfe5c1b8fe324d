import { endBytes, load4, splat, store4, wideBytes } from './lanes'

/**
 * The optimizers' update rules (Keras 3's, see src/engine/optimizers) over n parameters, in f32
 * as Keras computes them. Each rule is written once, as `…At<T>(o, …)` on the values at byte
 * offset o, and run on v128 over the first n & ~3 values, then on f32 over the rest (lanes.ts).
 * Slot pointers of 0 mean the slot is not used; per-step scalars come from the host, and so do
 * the complements 1 − ρ, 1 − β: computed in f64 and then rounded, as Keras computes them, not
 * from an already rounded ρ (1 − f32(0.999) is off by 1.3e-5 of itself).
 */

/** w ← w − lr·g */
function sgdAt<T>(o: usize, w: usize, g: usize, lr: v128): void {
  store4<T>(w + o, f32x4.sub(load4<T>(w + o), f32x4.mul(lr, load4<T>(g + o))))
}

export function sgd(n: i32, w: usize, g: usize, lr: f32): void {
  const lr4 = splat(lr)
  const wide = wideBytes(n)
  const end = endBytes(n)
  let o: usize = 0
  for (; o < wide; o += 16) sgdAt<v128>(o, w, g, lr4)
  for (; o < end; o += 4) sgdAt<f32>(o, w, g, lr4)
}

/** v ← μv − lr·g; w ← w + v, or w ← w + μv − lr·g with the new v (Nesterov). */
function sgdMomentumAt<T>(
  o: usize,
  w: usize,
  g: usize,
  v: usize,
  lr: v128,
  mu: v128,
  nesterov: bool
): void {
  const step = f32x4.mul(lr, load4<T>(g + o))
  const velocity = f32x4.sub(f32x4.mul(mu, load4<T>(v + o)), step)
  store4<T>(v + o, velocity)
  const move = nesterov ? f32x4.sub(f32x4.mul(mu, velocity), step) : velocity
  store4<T>(w + o, f32x4.add(load4<T>(w + o), move))
}

export function sgdMomentum(
  n: i32,
  w: usize,
  g: usize,
  v: usize,
  lr: f32,
  momentum: f32,
  nesterov: bool
): void {
  const lr4 = splat(lr)
  const mu = splat(momentum)
  const wide = wideBytes(n)
  const end = endBytes(n)
  let o: usize = 0
  for (; o < wide; o += 16) sgdMomentumAt<v128>(o, w, g, v, lr4, mu, nesterov)
  for (; o < end; o += 4) sgdMomentumAt<f32>(o, w, g, v, lr4, mu, nesterov)
}

/**
 * s ← ρs + (1−ρ)g²; D = s + ε, or centered (gBar ≠ 0) ḡ ← ρḡ + (1−ρ)g, D = s − ḡ² + ε;
 * inc = lr·g/√D; with momentum (m ≠ 0) m ← μm + inc, w ← w − m; else w ← w − inc.
 */
function rmspropAt<T>(
  o: usize,
  w: usize,
  g: usize,
  s: usize,
  m: usize,
  gBar: usize,
  lr: v128,
  rho: v128,
  rest: v128,
  mu: v128,
  eps: v128
): void {
  const grad = load4<T>(g + o)
  const square = f32x4.add(f32x4.mul(rho, load4<T>(s + o)), f32x4.mul(rest, f32x4.mul(grad, grad)))
  store4<T>(s + o, square)
  let denominator = f32x4.add(square, eps)
  if (gBar != 0) {
    const mean = f32x4.add(f32x4.mul(rho, load4<T>(gBar + o)), f32x4.mul(rest, grad))
    store4<T>(gBar + o, mean)
    denominator = f32x4.add(f32x4.sub(square, f32x4.mul(mean, mean)), eps)
  }
  let increment = f32x4.div(f32x4.mul(lr, grad), f32x4.sqrt(denominator))
  if (m != 0) {
    increment = f32x4.add(f32x4.mul(mu, load4<T>(m + o)), increment)
    store4<T>(m + o, increment)
  }
  store4<T>(w + o, f32x4.sub(load4<T>(w + o), increment))
}

export function rmsprop(
  n: i32,
  w: usize,
  g: usize,
  s: usize,
  m: usize,
  gBar: usize,
  lr: f32,
  rho: f32,
  oneMinusRho: f32,
  momentum: f32,
  epsilon: f32
): void {
  const lr4 = splat(lr)
  const rho4 = splat(rho)
  const rest = splat(oneMinusRho)
  const mu = splat(momentum)
  const eps = splat(epsilon)
  const wide = wideBytes(n)
  const end = endBytes(n)
  let o: usize = 0
  for (; o < wide; o += 16) rmspropAt<v128>(o, w, g, s, m, gBar, lr4, rho4, rest, mu, eps)
  for (; o < end; o += 4) rmspropAt<f32>(o, w, g, s, m, gBar, lr4, rho4, rest, mu, eps)
}

/** a ← a + g²; w ← w − lr·g/√(a + ε) */
function adagradAt<T>(o: usize, w: usize, g: usize, a: usize, lr: v128, eps: v128): void {
  const grad = load4<T>(g + o)
  const sum = f32x4.add(load4<T>(a + o), f32x4.mul(grad, grad))
  store4<T>(a + o, sum)
  const step = f32x4.div(f32x4.mul(lr, grad), f32x4.sqrt(f32x4.add(sum, eps)))
  store4<T>(w + o, f32x4.sub(load4<T>(w + o), step))
}

export function adagrad(n: i32, w: usize, g: usize, a: usize, lr: f32, epsilon: f32): void {
  const lr4 = splat(lr)
  const eps = splat(epsilon)
  const wide = wideBytes(n)
  const end = endBytes(n)
  let o: usize = 0
  for (; o < wide; o += 16) adagradAt<v128>(o, w, g, a, lr4, eps)
  for (; o < end; o += 4) adagradAt<f32>(o, w, g, a, lr4, eps)
}

/** m ← m + (g − m)(1 − β1); v ← v + (g² − v)(1 − β2); returns the new m. */
function moments<T>(o: usize, grad: v128, m: usize, v: usize, rest1: v128, rest2: v128): v128 {
  const m0 = load4<T>(m + o)
  const mean = f32x4.add(m0, f32x4.mul(f32x4.sub(grad, m0), rest1))
  store4<T>(m + o, mean)
  const v0 = load4<T>(v + o)
  store4<T>(v + o, f32x4.add(v0, f32x4.mul(f32x4.sub(f32x4.mul(grad, grad), v0), rest2)))
  return mean
}

/** The moments, then w ← w − α·m/(√v + ε); AMSGrad (vMax ≠ 0) uses max(vMax, v) for v. */
function adamAt<T>(
  o: usize,
  w: usize,
  g: usize,
  m: usize,
  v: usize,
  vMax: usize,
  alpha: v128,
  rest1: v128,
  rest2: v128,
  eps: v128
): void {
  const mean = moments<T>(o, load4<T>(g + o), m, v, rest1, rest2)
  let square = load4<T>(v + o)
  if (vMax != 0) {
    square = f32x4.max(load4<T>(vMax + o), square)
    store4<T>(vMax + o, square)
  }
  const step = f32x4.div(f32x4.mul(alpha, mean), f32x4.add(f32x4.sqrt(square), eps))
  store4<T>(w + o, f32x4.sub(load4<T>(w + o), step))
}

/** Adam with α = lr·√(1−β2^t)/(1−β1^t) from the host. */
export function adam(
  n: i32,
  w: usize,
  g: usize,
  m: usize,
  v: usize,
  vMax: usize,
  alpha: f32,
  oneMinusBeta1: f32,
  oneMinusBeta2: f32,
  epsilon: f32
): void {
  const alpha4 = splat(alpha)
  const rest1 = splat(oneMinusBeta1)
  const rest2 = splat(oneMinusBeta2)
  const eps = splat(epsilon)
  const wide = wideBytes(n)
  const end = endBytes(n)
  let o: usize = 0
  for (; o < wide; o += 16) adamAt<v128>(o, w, g, m, v, vMax, alpha4, rest1, rest2, eps)
  for (; o < end; o += 4) adamAt<f32>(o, w, g, m, v, vMax, alpha4, rest1, rest2, eps)
}

/** The moments, then m̂ = mScale·m + gScale·g, v̂ = vScale·v, w ← w − lr·m̂/(√v̂ + ε). */
function nadamAt<T>(
  o: usize,
  w: usize,
  g: usize,
  m: usize,
  v: usize,
  lr: v128,
  rest1: v128,
  rest2: v128,
  eps: v128,
  mScale: v128,
  gScale: v128,
  vScale: v128
): void {
  const grad = load4<T>(g + o)
  const mean = moments<T>(o, grad, m, v, rest1, rest2)
  const mHat = f32x4.add(f32x4.mul(mScale, mean), f32x4.mul(gScale, grad))
  const vHat = f32x4.mul(vScale, load4<T>(v + o))
  const step = f32x4.div(f32x4.mul(lr, mHat), f32x4.add(f32x4.sqrt(vHat), eps))
  store4<T>(w + o, f32x4.sub(load4<T>(w + o), step))
}

/**
 * Nadam with mScale = u_{t+1}/(1 − Π_{t+1}), gScale = (1 − u_t)/(1 − Π_t) and
 * vScale = 1/(1 − β2^t) from the host.
 */
export function nadam(
  n: i32,
  w: usize,
  g: usize,
  m: usize,
  v: usize,
  lr: f32,
  oneMinusBeta1: f32,
  oneMinusBeta2: f32,
  epsilon: f32,
  mScale: f32,
  gScale: f32,
  vScale: f32
): void {
  const lr4 = splat(lr)
  const rest1 = splat(oneMinusBeta1)
  const rest2 = splat(oneMinusBeta2)
  const eps = splat(epsilon)
  const ms = splat(mScale)
  const gs = splat(gScale)
  const vs = splat(vScale)
  const wide = wideBytes(n)
  const end = endBytes(n)
  let o: usize = 0
  for (; o < wide; o += 16) nadamAt<v128>(o, w, g, m, v, lr4, rest1, rest2, eps, ms, gs, vs)
  for (; o < end; o += 4) nadamAt<f32>(o, w, g, m, v, lr4, rest1, rest2, eps, ms, gs, vs)
}

/** E_g ← ρE_g + (1−ρ)g²; Δ = −√(E_Δ + ε)·g/√(E_g + ε); E_Δ ← ρE_Δ + (1−ρ)Δ²; w ← w + lr·Δ */
function adadeltaAt<T>(
  o: usize,
  w: usize,
  g: usize,
  gradSquares: usize,
  deltaSquares: usize,
  lr: v128,
  rho: v128,
  rest: v128,
  eps: v128
): void {
  const grad = load4<T>(g + o)
  const eg = f32x4.add(
    f32x4.mul(rho, load4<T>(gradSquares + o)),
    f32x4.mul(rest, f32x4.mul(grad, grad))
  )
  store4<T>(gradSquares + o, eg)
  const ed = load4<T>(deltaSquares + o)
  const delta = f32x4.div(
    f32x4.mul(f32x4.neg(f32x4.sqrt(f32x4.add(ed, eps))), grad),
    f32x4.sqrt(f32x4.add(eg, eps))
  )
  const newEd = f32x4.add(f32x4.mul(rho, ed), f32x4.mul(rest, f32x4.mul(delta, delta)))
  store4<T>(deltaSquares + o, newEd)
  store4<T>(w + o, f32x4.add(load4<T>(w + o), f32x4.mul(lr, delta)))
}

export function adadelta(
  n: i32,
  w: usize,
  g: usize,
  gradSquares: usize,
  deltaSquares: usize,
  lr: f32,
  rho: f32,
  oneMinusRho: f32,
  epsilon: f32
): void {
  const lr4 = splat(lr)
  const rho4 = splat(rho)
  const rest = splat(oneMinusRho)
  const eps = splat(epsilon)
  const wide = wideBytes(n)
  const end = endBytes(n)
  let o: usize = 0
  for (; o < wide; o += 16)
    adadeltaAt<v128>(o, w, g, gradSquares, deltaSquares, lr4, rho4, rest, eps)
  for (; o < end; o += 4) adadeltaAt<f32>(o, w, g, gradSquares, deltaSquares, lr4, rho4, rest, eps)
}

/** Decoupled weight decay: w ← w − w·rate, rate = lr·wd. */
function weightDecayAt<T>(o: usize, w: usize, rate: v128): void {
  const x = load4<T>(w + o)
  store4<T>(w + o, f32x4.sub(x, f32x4.mul(x, rate)))
}

export function weightDecay(n: i32, w: usize, rate: f32): void {
  const rate4 = splat(rate)
  const wide = wideBytes(n)
  const end = endBytes(n)
  let o: usize = 0
  for (; o < wide; o += 16) weightDecayAt<v128>(o, w, rate4)
  for (; o < end; o += 4) weightDecayAt<f32>(o, w, rate4)
}

/** x ← x·factor */
function scaleAt<T>(o: usize, x: usize, factor: v128): void {
  store4<T>(x + o, f32x4.mul(load4<T>(x + o), factor))
}

export function scale(n: i32, x: usize, factor: f32): void {
  const factor4 = splat(factor)
  const wide = wideBytes(n)
  const end = endBytes(n)
  let o: usize = 0
  for (; o < wide; o += 16) scaleAt<v128>(o, x, factor4)
  for (; o < end; o += 4) scaleAt<f32>(o, x, factor4)
}

/** x ← min(max(x, lo), hi); NaN stays NaN. */
function clampAt<T>(o: usize, x: usize, lo: v128, hi: v128): void {
  store4<T>(x + o, f32x4.min(f32x4.max(load4<T>(x + o), lo), hi))
}

export function clamp(n: i32, x: usize, lo: f32, hi: f32): void {
  const lo4 = splat(lo)
  const hi4 = splat(hi)
  const wide = wideBytes(n)
  const end = endBytes(n)
  let o: usize = 0
  for (; o < wide; o += 16) clampAt<v128>(o, x, lo4, hi4)
  for (; o < end; o += 4) clampAt<f32>(o, x, lo4, hi4)
}

/** Σ x² in f64: four running sums (one a lane) over the first n & ~3 values, then the rest. */
export function sumOfSquares(n: i32, x: usize): f64 {
  let low = f64x2.splat(0)
  let high = f64x2.splat(0)
  const wide = wideBytes(n)
  const end = endBytes(n)
  let o: usize = 0
  for (; o < wide; o += 16) {
    const values = v128.load(x + o)
    const a = f64x2.promote_low_f32x4(values)
    const b = f64x2.promote_low_f32x4(v128.shuffle<f32>(values, values, 2, 3, 0, 1))
    low = f64x2.add(low, f64x2.mul(a, a))
    high = f64x2.add(high, f64x2.mul(b, b))
  }
  let rest = 0.0
  for (; o < end; o += 4) {
    const value = <f64>load<f32>(x + o)
    rest += value * value
  }
  const sum = f64x2.add(low, high)
  return f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1) + rest
}
