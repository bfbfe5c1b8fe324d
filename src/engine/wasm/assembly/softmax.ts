/**
 * Softmax over rows, and softmax fused with cross-entropy, on rows × classes f32 blocks. Rows are
 * short (one score per class), so these run one value at a time, in f64 as the TypeScript
 * reference does, the row's maximum subtracted before exp so that it never overflows.
 */

function f32At(base: usize, index: i32): f64 {
  return <f64>load<f32>(base + ((<usize>index) << 2))
}

function setF32(base: usize, index: i32, value: f64): void {
  store<f32>(base + ((<usize>index) << 2), <f32>value)
}

function rowMax(x: usize, o: i32, width: i32): f64 {
  let max = -Infinity
  for (let j = o; j < o + width; j++) {
    const v = f32At(x, j)
    if (v > max) max = v
  }
  return max
}

/** y[r] = exp(x[r] − max) / Σ exp(x[r] − max), row by row. */
export function softmaxRows(rows: i32, width: i32, x: usize, y: usize): void {
  for (let r = 0; r < rows; r++) {
    const o = r * width
    const max = rowMax(x, o, width)
    let total = 0.0
    for (let j = o; j < o + width; j++) {
      const e = Math.exp(f32At(x, j) - max)
      setF32(y, j, e)
      total += e
    }
    for (let j = o; j < o + width; j++) setF32(y, j, f32At(y, j) / total)
  }
}

/** gx += y ⊙ (gy − Σ gy·y), row by row. */
export function softmaxRowsBackward(rows: i32, width: i32, y: usize, gy: usize, gx: usize): void {
  for (let r = 0; r < rows; r++) {
    const o = r * width
    let dot = 0.0
    for (let j = o; j < o + width; j++) dot += f32At(gy, j) * f32At(y, j)
    for (let j = o; j < o + width; j++) {
      setF32(gx, j, f32At(gx, j) + f32At(y, j) * (f32At(gy, j) - dot))
    }
  }
}

/** log Σ exp(x) over one row; leaves the row's softmax in probs. */
function logSumExp(x: usize, probs: usize, o: i32, classes: i32): f64 {
  const max = rowMax(x, o, classes)
  let total = 0.0
  for (let j = o; j < o + classes; j++) total += Math.exp(f32At(x, j) - max)
  const lse = max + Math.log(total)
  for (let j = o; j < o + classes; j++) setF32(probs, j, Math.exp(f32At(x, j) - lse))
  return lse
}

/** probs ← softmax(logits); returns the mean over rows of Σ targets·(logsumexp − logits). */
export function softmaxCrossEntropy(
  rows: i32,
  classes: i32,
  logits: usize,
  targets: usize,
  probs: usize
): f64 {
  let total = 0.0
  for (let r = 0; r < rows; r++) {
    const o = r * classes
    const lse = logSumExp(logits, probs, o, classes)
    for (let j = o; j < o + classes; j++) total += f32At(targets, j) * (lse - f32At(logits, j))
  }
  return total / rows
}

/** gLogits += scale·(probs·Σtargets − targets), row by row. */
export function softmaxCrossEntropyBackward(
  rows: i32,
  classes: i32,
  probs: usize,
  targets: usize,
  scale: f64,
  gLogits: usize
): void {
  for (let r = 0; r < rows; r++) {
    const o = r * classes
    let mass = 0.0
    for (let j = o; j < o + classes; j++) mass += f32At(targets, j)
    for (let j = o; j < o + classes; j++) {
      const g = scale * (f32At(probs, j) * mass - f32At(targets, j))
      setF32(gLogits, j, f32At(gLogits, j) + g)
    }
  }
}

/** As softmaxCrossEntropy with one class index a row (f32, already checked) for targets. */
export function sparseSoftmaxCrossEntropy(
  rows: i32,
  classes: i32,
  logits: usize,
  labels: usize,
  probs: usize
): f64 {
  let total = 0.0
  for (let r = 0; r < rows; r++) {
    const o = r * classes
    const label = <i32>f32At(labels, r)
    total += logSumExp(logits, probs, o, classes) - f32At(logits, o + label)
  }
  return total / rows
}

/** gLogits += scale·(probs − onehot(label)), row by row. */
export function sparseSoftmaxCrossEntropyBackward(
  rows: i32,
  classes: i32,
  probs: usize,
  labels: usize,
  scale: f64,
  gLogits: usize
): void {
  for (let r = 0; r < rows; r++) {
    const o = r * classes
    for (let j = o; j < o + classes; j++) {
      setF32(gLogits, j, f32At(gLogits, j) + scale * f32At(probs, j))
    }
    const t = o + <i32>f32At(labels, r)
    setF32(gLogits, t, f32At(gLogits, t) - scale)
  }
}
