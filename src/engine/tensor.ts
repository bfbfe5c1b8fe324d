import { getBackend } from './backend/index'

export type Shape = readonly number[]

/**
 * One recorded operation: `forward` recomputes output.data from the inputs' data in place;
 * `backward` adds the vector-Jacobian product of output.grad into the inputs that need a gradient.
 */
export interface Node {
  readonly output: Tensor
  readonly inputs: readonly Tensor[]
  forward(): void
  backward(): void
}

export function sizeOf(shape: Shape): number {
  let size = 1
  for (const d of shape) size *= d
  return size
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(',')}]`
}

/** A row-major float32 array with a shape (batch first) and, when needed, a gradient of the same size. */
export class Tensor {
  readonly shape: Shape
  readonly size: number
  data: Float32Array
  grad: Float32Array | null = null
  /**
   * Set while grad still holds an earlier pass's gradient that this pass replaces: the first
   * op to write it may overwrite instead of adding (claimGrad), and anything that adds or reads
   * first zeroes it (settleGrad). Saves zeroing buffers that are about to be overwritten.
   */
  gradStale = false
  requiresGrad: boolean
  /** The node that computed this tensor; null for leaves (inputs, parameters, constants). */
  node: Node | null = null

  constructor(data: Float32Array, shape: Shape, requiresGrad = false) {
    const size = sizeOf(shape)
    if (data.length !== size) {
      throw new Error(`Tensor: ${data.length} values do not fill shape ${formatShape(shape)}`)
    }
    this.shape = Object.freeze([...shape])
    this.size = size
    this.data = data
    this.requiresGrad = requiresGrad
    if (requiresGrad) this.ensureGrad()
  }

  static zeros(shape: Shape, requiresGrad = false): Tensor {
    return new Tensor(getBackend().alloc(sizeOf(shape)), shape, requiresGrad)
  }

  static fromArray(values: ArrayLike<number>, shape: Shape, requiresGrad = false): Tensor {
    const data = getBackend().alloc(values.length)
    data.set(values)
    return new Tensor(data, shape, requiresGrad)
  }

  static scalar(v: number): Tensor {
    return Tensor.fromArray([v], [])
  }

  /** The gradient buffer, allocated (zeroed) the first time it is asked for. */
  ensureGrad(): Float32Array {
    if (this.grad === null) this.grad = getBackend().alloc(this.size)
    return this.grad
  }

  item(): number {
    if (this.size !== 1)
      throw new Error(`item(): tensor of shape ${formatShape(this.shape)} is not a scalar`)
    return this.data[0]
  }

  /**
   * Reverse pass from this scalar through the graph that produced it (eager mode). Gradients of
   * intermediates are reset; leaves with requiresGrad accumulate, as parameters do on a tape.
   */
  backward(): void {
    backpropagate(graphOf(this), this)
  }
}

/** The nodes that lead to `root` along tensors that need a gradient, in topological order. */
function graphOf(root: Tensor): Node[] {
  const order: Node[] = []
  const visited = new Set<Node>()
  // Iterative post-order DFS: deep chains (e.g. long unrolled loops) must not overflow the stack.
  const stack: { node: Node; next: number }[] = []
  if (root.node !== null && root.requiresGrad) {
    visited.add(root.node)
    stack.push({ node: root.node, next: 0 })
  }
  while (stack.length > 0) {
    const top = stack[stack.length - 1]
    if (top.next < top.node.inputs.length) {
      const input = top.node.inputs[top.next++]
      if (input.node !== null && input.requiresGrad && !visited.has(input.node)) {
        visited.add(input.node)
        stack.push({ node: input.node, next: 0 })
      }
    } else {
      order.push(top.node)
      stack.pop()
    }
  }
  return order
}

/**
 * Resets the gradients of the nodes' outputs (marks them stale: the first contribution
 * overwrites), seeds d loss / d loss = 1 and runs the nodes' backward in reverse order. Leaves
 * are not reset: their gradients accumulate, unless the caller marked them stale too.
 */
export function backpropagate(nodes: readonly Node[], loss: Tensor): void {
  if (loss.size !== 1) {
    throw new Error(`backward() needs a scalar loss, got shape ${formatShape(loss.shape)}`)
  }
  for (const node of nodes) if (node.output.grad) node.output.gradStale = true
  loss.ensureGrad()[0] = 1
  loss.gradStale = false
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]
    if (node.output.grad === null) continue
    // Every contribution has arrived; none at all means a zero gradient.
    settleGrad(node.output)
    node.backward()
  }
}

/** Makes t.grad hold t's gradient so far: zero when it is still stale. */
export function settleGrad(t: Tensor): void {
  if (!t.gradStale) return
  t.gradStale = false
  if (t.grad !== null) getBackend().zero(t.grad)
}

/**
 * For an op that can either add into t's gradient or overwrite it (a product with an
 * accumulate flag): whether to add. False when the buffer holds only a stale gradient, which
 * the op's write replaces; the gradient is current from then on.
 */
export function claimGrad(t: Tensor): boolean {
  if (!t.gradStale) return true
  t.gradStale = false
  return false
}
