/** Softmax over rows and softmax fused with cross-entropy, in float64 with float32 storage. */

/** Writes the softmax of each row of x into y, shifted by the row maximum. */
export function softmax(rows: number, width: number, x: Float32Array, y: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * width
    let max = -Infinity
    for (let j = 0; j < width; j++) if (x[o + j] > max) max = x[o + j]
    let total = 0
    for (let j = 0; j < width; j++) {
      const e = Math.exp(x[o + j] - max)
      y[o + j] = e
      total += e
    }
    for (let j = 0; j < width; j++) y[o + j] /= total
  }
}

/** gx += y ⊙ (gy − Σ gy·y) per row. */
export function softmaxBackward(
  rows: number,
  width: number,
  y: Float32Array,
  gy: Float32Array,
  gx: Float32Array
): void {
  for (let r = 0; r < rows; r++) {
    const o = r * width
    let dot = 0
    for (let j = 0; j < width; j++) dot += gy[o + j] * y[o + j]
    for (let j = 0; j < width; j++) gx[o + j] += y[o + j] * (gy[o + j] - dot)
  }
}

/**
 * log Σ exp(x) over one row, shifted by the row max; leaves the row's softmax in `probs`
 * for the backward.
 */
function logSumExpRow(x: Float32Array, probs: Float32Array, o: number, classes: number): number {
  let max = -Infinity
  for (let j = o; j < o + classes; j++) if (x[j] > max) max = x[j]
  let total = 0
  for (let j = o; j < o + classes; j++) total += Math.exp(x[j] - max)
  const lse = max + Math.log(total)
  for (let j = o; j < o + classes; j++) probs[j] = Math.exp(x[j] - lse)
  return lse
}

export function softmaxCrossEntropy(
  rows: number,
  classes: number,
  logits: Float32Array,
  targets: Float32Array,
  probs: Float32Array
): number {
  let total = 0
  for (let r = 0; r < rows; r++) {
    const lse = logSumExpRow(logits, probs, r * classes, classes)
    for (let j = r * classes; j < (r + 1) * classes; j++) total += targets[j] * (lse - logits[j])
  }
  return total / rows
}

export function softmaxCrossEntropyBackward(
  rows: number,
  classes: number,
  probs: Float32Array,
  targets: Float32Array,
  scale: number,
  gLogits: Float32Array
): void {
  for (let r = 0; r < rows; r++) {
    const o = r * classes
    let mass = 0
    for (let j = o; j < o + classes; j++) mass += targets[j]
    for (let j = o; j < o + classes; j++) gLogits[j] += scale * (probs[j] * mass - targets[j])
  }
}

export function sparseSoftmaxCrossEntropy(
  rows: number,
  classes: number,
  logits: Float32Array,
  labels: Float32Array,
  probs: Float32Array
): number {
  let total = 0
  for (let r = 0; r < rows; r++) {
    total += logSumExpRow(logits, probs, r * classes, classes) - logits[r * classes + labels[r]]
  }
  return total / rows
}

export function sparseSoftmaxCrossEntropyBackward(
  rows: number,
  classes: number,
  probs: Float32Array,
  labels: Float32Array,
  scale: number,
  gLogits: Float32Array
): void {
  for (let r = 0; r < rows; r++) {
    const o = r * classes
    for (let j = o; j < o + classes; j++) gLogits[j] += scale * probs[j]
    gLogits[o + labels[r]] -= scale
  }
}
