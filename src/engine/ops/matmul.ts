import { claimGrad, record } from '../autodiff'
import { getBackend } from '../backend/index'
import { formatShape, type Tensor } from '../tensor'

/**
 * C = op(A)·op(B) for 2-D tensors, op = transpose when the flag is set. The backward products
 * run on the same gemm with the transposed layouts, accumulating into the gradients:
 *   dop(A) = dC·op(B)ᵀ   dop(B) = op(A)ᵀ·dC
 */
export function matmul(a: Tensor, b: Tensor, transA = false, transB = false): Tensor {
  if (
    a.shape.length !== 2 ||
    b.shape.length !== 2 ||
    a.shape[transA ? 0 : 1] !== b.shape[transB ? 1 : 0]
  ) {
    throw new Error(
      `matmul: cannot multiply ${formatShape(a.shape)}${transA ? 'ᵀ' : ''} by ` +
        `${formatShape(b.shape)}${transB ? 'ᵀ' : ''}`
    )
  }
  const m = transA ? a.shape[1] : a.shape[0]
  const k = transA ? a.shape[0] : a.shape[1]
  const n = transB ? b.shape[0] : b.shape[1]
  return record([m, n], [a, b], (out) => ({
    forward() {
      getBackend().gemm(transA, transB, m, n, k, a.data, b.data, out.data, false)
    },
    backward() {
      const gemm = getBackend().gemm
      const gc = out.grad!
      if (a.requiresGrad) {
        const ga = a.grad!
        const add = claimGrad(a)
        // A is m×k: dA = dC·op(B)ᵀ. A stored k×m: dA = op(B)·dCᵀ.
        if (transA) gemm(transB, true, k, m, n, b.data, gc, ga, add)
        else gemm(false, !transB, m, k, n, gc, b.data, ga, add)
      }
      if (b.requiresGrad) {
        const gb = b.grad!
        const add = claimGrad(b)
        // B is k×n: dB = op(A)ᵀ·dC. B stored n×k: dB = dCᵀ·op(A).
        if (transB) gemm(true, transA, n, k, m, gc, a.data, gb, add)
        else gemm(!transA, false, k, n, m, a.data, gc, gb, add)
      }
    }
  }))
}
