import { endBytes, load4, splat, store4, wideBytes } from './lanes'

/**
 * Fused bias + activation over a rows × width block (row-major f32), forward and backward, for
 * the activations that need no transcendental function: linear, relu and leaky_relu. One pass
 * over the block; each row runs on v128, then on f32 over its last width % 4 values (lanes.ts).
 * A bias pointer of 0 means no bias; so does a gradient pointer of 0. The activation is a
 * run-time `kind`: a branch the processor predicts, a few percent of these memory-bound loops.
 */

const LINEAR = 0
const RELU = 1
const LEAKY_RELU = 2

/** f'(x)·d: d where x > 0, else 0 (relu; NaN counts as not positive) or α·d (leaky_relu). */
function gate(kind: i32, x: v128, d: v128, alpha: v128): v128 {
  const positive = f32x4.gt(x, f32x4.splat(0))
  if (kind == RELU) return v128.and(d, positive)
  if (kind == LEAKY_RELU) return v128.bitselect(d, f32x4.mul(alpha, d), positive)
  return d
}

/** y = f(z + bias) at byte offset o of a row starting at byte r; f(x) = f'(x)·x for these three. */
function forwardAt<T>(
  kind: i32,
  o: usize,
  r: usize,
  alpha: v128,
  z: usize,
  bias: usize,
  y: usize
): void {
  let x = load4<T>(z + r + o)
  if (bias != 0) x = f32x4.add(x, load4<T>(bias + o))
  store4<T>(y + r + o, gate(kind, x, x, alpha))
}

function forward(
  kind: i32,
  alpha: f32,
  rows: i32,
  width: i32,
  z: usize,
  bias: usize,
  y: usize
): void {
  const alpha4 = splat(alpha)
  const wide = wideBytes(width)
  const end = endBytes(width)
  for (let row = 0; row < rows; row++) {
    const r = <usize>row * end
    let o: usize = 0
    for (; o < wide; o += 16) forwardAt<v128>(kind, o, r, alpha4, z, bias, y)
    for (; o < end; o += 4) forwardAt<f32>(kind, o, r, alpha4, z, bias, y)
  }
}

/** d = gy·f'(x) with x = z + bias; gz += d; gBias += d. */
function backwardAt<T>(
  kind: i32,
  o: usize,
  r: usize,
  alpha: v128,
  z: usize,
  bias: usize,
  gy: usize,
  gz: usize,
  gBias: usize
): void {
  let d = load4<T>(gy + r + o)
  if (kind != LINEAR) {
    let x = load4<T>(z + r + o)
    if (bias != 0) x = f32x4.add(x, load4<T>(bias + o))
    d = gate(kind, x, d, alpha)
  }
  if (gz != 0) store4<T>(gz + r + o, f32x4.add(load4<T>(gz + r + o), d))
  if (gBias != 0) store4<T>(gBias + o, f32x4.add(load4<T>(gBias + o), d))
}

/** The bias gradient sums its column over the rows in order, whatever the vector width. */
function backward(
  kind: i32,
  alpha: f32,
  rows: i32,
  width: i32,
  z: usize,
  bias: usize,
  gy: usize,
  gz: usize,
  gBias: usize
): void {
  const alpha4 = splat(alpha)
  const wide = wideBytes(width)
  const end = endBytes(width)
  for (let row = 0; row < rows; row++) {
    const r = <usize>row * end
    let o: usize = 0
    for (; o < wide; o += 16) backwardAt<v128>(kind, o, r, alpha4, z, bias, gy, gz, gBias)
    for (; o < end; o += 4) backwardAt<f32>(kind, o, r, alpha4, z, bias, gy, gz, gBias)
  }
}

export function biasLinear(rows: i32, width: i32, z: usize, bias: usize, y: usize): void {
  forward(LINEAR, 0, rows, width, z, bias, y)
}

export function biasRelu(rows: i32, width: i32, z: usize, bias: usize, y: usize): void {
  forward(RELU, 0, rows, width, z, bias, y)
}

export function biasLeakyRelu(
  alpha: f32,
  rows: i32,
  width: i32,
  z: usize,
  bias: usize,
  y: usize
): void {
  forward(LEAKY_RELU, alpha, rows, width, z, bias, y)
}

export function biasLinearBackward(
  rows: i32,
  width: i32,
  gy: usize,
  gz: usize,
  gBias: usize
): void {
  backward(LINEAR, 0, rows, width, 0, 0, gy, gz, gBias)
}

/** relu(x) > 0 exactly where x > 0, so the output y stands in for z + bias (fewer loads). */
export function biasReluBackward(
  rows: i32,
  width: i32,
  y: usize,
  gy: usize,
  gz: usize,
  gBias: usize
): void {
  backward(RELU, 0, rows, width, y, 0, gy, gz, gBias)
}

export function biasLeakyReluBackward(
  alpha: f32,
  rows: i32,
  width: i32,
  z: usize,
  bias: usize,
  gy: usize,
  gz: usize,
  gBias: usize
): void {
  backward(LEAKY_RELU, alpha, rows, width, z, bias, gy, gz, gBias)
}
