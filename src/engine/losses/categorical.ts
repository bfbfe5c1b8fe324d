import { getBackend } from '../backend/index'
import { formatShape, type Tensor } from '../tensor'
import { assertSameShape, clipProbability, insideClip, lossNode } from './node'

/** [rows, classes] of a predictions tensor whose last axis holds the classes. */
function rowsAndClasses(yPred: Tensor): [number, number] {
  const classes = yPred.shape.length === 0 ? 1 : yPred.shape[yPred.shape.length - 1]
  return [classes === 0 ? 0 : yPred.size / classes, classes]
}

/**
 * Fused softmax + categorical cross-entropy from logits, as TensorFlow computes it: per row
 * Σ y·(logsumexp(x) − x), with the max subtracted before exp; mean over the batch. The backward
 * is (softmax(x)·Σy − y)/N, i.e. (softmax − y)/N for one-hot targets, in the same node. Both run
 * on the backend's kernels; the forward leaves the softmax in `probs` for the backward.
 */
export function softmaxCrossEntropy(logits: Tensor, yTrue: Tensor): Tensor {
  assertSameShape('categorical_crossentropy', logits, yTrue)
  const [rows, classes] = rowsAndClasses(logits)
  const probs = getBackend().alloc(logits.size)
  return lossNode(
    logits,
    yTrue,
    () => getBackend().softmaxCrossEntropy(rows, classes, logits.data, yTrue.data, probs),
    (g, gx) =>
      getBackend().softmaxCrossEntropyBackward(rows, classes, probs, yTrue.data, g / rows, gx)
  )
}

/** Fused sparse softmax cross-entropy: per row logsumexp(x) − x[label], mean over the batch. */
export function sparseSoftmaxCrossEntropy(logits: Tensor, labels: Tensor): Tensor {
  const [rows, classes] = rowsAndClasses(logits)
  assertLabels('sparse_categorical_crossentropy', labels, rows)
  const probs = getBackend().alloc(logits.size)
  return lossNode(
    logits,
    labels,
    () => {
      for (let r = 0; r < rows; r++) {
        classIndex('sparse_categorical_crossentropy', labels.data, r, classes)
      }
      return getBackend().sparseSoftmaxCrossEntropy(rows, classes, logits.data, labels.data, probs)
    },
    (g, gx) =>
      getBackend().sparseSoftmaxCrossEntropyBackward(
        rows,
        classes,
        probs,
        labels.data,
        g / rows,
        gx
      )
  )
}

/**
 * Categorical cross-entropy from probabilities exactly as Keras: per row p/Σp, clipped to
 * [ε, 1 − ε], then −Σ y·log p; mean over the batch. fromLogits uses the fused form.
 */
export function categoricalCrossentropy(yPred: Tensor, yTrue: Tensor, fromLogits = false): Tensor {
  if (fromLogits) return softmaxCrossEntropy(yPred, yTrue)
  assertSameShape('categorical_crossentropy', yPred, yTrue)
  const [rows, classes] = rowsAndClasses(yPred)
  return lossNode(
    yPred,
    yTrue,
    () => {
      const p = yPred.data
      const y = yTrue.data
      let total = 0
      for (let r = 0; r < rows; r++) {
        const o = r * classes
        const mass = rowSum(p, o, classes)
        for (let j = o; j < o + classes; j++) total -= y[j] * Math.log(clipProbability(p[j] / mass))
      }
      return total / rows
    },
    (g, gp) => {
      // With q = p/Σp and G_j = ∂loss/∂q_j = −y_j/q_j (0 where clipped):
      // ∂loss/∂p_k = (G_k − Σ_j G_j q_j)/Σp.
      const p = yPred.data
      const y = yTrue.data
      const s = g / rows
      for (let r = 0; r < rows; r++) {
        const o = r * classes
        const mass = rowSum(p, o, classes)
        let gq = 0
        for (let j = o; j < o + classes; j++) {
          const q = p[j] / mass
          if (insideClip(q)) gq -= y[j]
        }
        for (let k = o; k < o + classes; k++) {
          const q = p[k] / mass
          const gk = insideClip(q) ? -y[k] / q : 0
          gp[k] += (s * (gk - gq)) / mass
        }
      }
    }
  )
}

/**
 * Sparse categorical cross-entropy from probabilities exactly as Keras: p clipped to [ε, 1 − ε],
 * then softmax cross-entropy on log p, i.e. log Σc − log c[label]; mean over the batch.
 */
export function sparseCategoricalCrossentropy(
  yPred: Tensor,
  labels: Tensor,
  fromLogits = false
): Tensor {
  if (fromLogits) return sparseSoftmaxCrossEntropy(yPred, labels)
  const [rows, classes] = rowsAndClasses(yPred)
  assertLabels('sparse_categorical_crossentropy', labels, rows)
  return lossNode(
    yPred,
    labels,
    () => {
      const p = yPred.data
      let total = 0
      for (let r = 0; r < rows; r++) {
        const o = r * classes
        const t = classIndex('sparse_categorical_crossentropy', labels.data, r, classes)
        let mass = 0
        for (let j = o; j < o + classes; j++) mass += clipProbability(p[j])
        total += Math.log(mass) - Math.log(clipProbability(p[o + t]))
      }
      return total / rows
    },
    (g, gp) => {
      const p = yPred.data
      const s = g / rows
      for (let r = 0; r < rows; r++) {
        const o = r * classes
        const target = o + labels.data[r]
        let mass = 0
        for (let j = o; j < o + classes; j++) mass += clipProbability(p[j])
        for (let j = o; j < o + classes; j++) {
          if (!insideClip(p[j])) continue
          gp[j] += s * (1 / mass - (j === target ? 1 / p[j] : 0))
        }
      }
    }
  )
}

function rowSum(p: Float32Array, o: number, classes: number): number {
  let total = 0
  for (let j = o; j < o + classes; j++) total += p[j]
  return total
}

function assertLabels(name: string, labels: Tensor, rows: number): void {
  if (labels.size !== rows) {
    throw new Error(
      `${name}: expected ${rows} class indices, got labels of shape ${formatShape(labels.shape)}`
    )
  }
}

function classIndex(name: string, labels: Float32Array, r: number, classes: number): number {
  const t = labels[r]
  if (!Number.isInteger(t) || t < 0 || t >= classes) {
    throw new Error(`${name}: label ${t} of sample ${r} is not a class index in [0, ${classes})`)
  }
  return t
}
