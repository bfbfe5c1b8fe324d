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
 * Zeroes the gradients of the nodes' outputs, seeds d loss / d loss = 1 and runs the nodes'
 * backward in reverse order. Leaves are not zeroed: their gradients accumulate.
 */
export function backpropagate(nodes: readonly Node[], loss: Tensor): void {
  if (loss.size !== 1) {
    throw new Error(`backward() needs a scalar loss, got shape ${formatShape(loss.shape)}`)
  }
  for (const node of nodes) if (node.output.grad) getBackend().zero(node.output.grad)
  loss.ensureGrad()[0] = 1
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]
    if (node.output.grad !== null) node.backward()
  }
}
