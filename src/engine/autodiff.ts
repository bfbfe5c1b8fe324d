import { backpropagate, Tensor, sizeOf, type Node, type Shape } from './tensor'
import { getBackend } from './backend/index'

export type { Node } from './tensor'

/**
 * A recording of ops, replayable without allocating: every node's forward and backward write
 * only into buffers created when the op was recorded.
 */
export class Tape {
  readonly nodes: readonly Node[]

  constructor(nodes: readonly Node[]) {
    this.nodes = nodes
  }

  /** Recomputes every node in recording order (after new values were written into placeholders). */
  forward(): void {
    for (const node of this.nodes) node.forward()
  }

  /** Zeroes the intermediates' gradients, seeds loss.grad = 1 and runs the nodes in reverse. */
  backward(loss: Tensor): void {
    backpropagate(this.nodes, loss)
  }
}

/** Where record() puts nodes: the innermost running trace(), or nowhere in eager mode. */
let recording: Node[] | null = null

/** Runs fn and records every op it creates, in order, on a tape. */
export function trace<T>(fn: () => T): { tape: Tape; result: T } {
  const outer = recording
  const nodes: Node[] = []
  recording = nodes
  try {
    const result = fn()
    return { tape: new Tape(nodes), result }
  } finally {
    recording = outer
  }
}

/** Resets the gradients of parameters (tape.backward only resets intermediates). */
export function zeroGrads(tensors: readonly Tensor[]): void {
  for (const t of tensors) if (t.grad) getBackend().zero(t.grad)
}

/** The gradient an op's backward should add into, or null when `t` needs none. */
export function gradOf(t: Tensor): Float32Array | null {
  return t.requiresGrad ? t.grad : null
}

/**
 * Creates an op: allocates its output of `shape`, lets `build` close over it to make the node's
 * forward and backward, runs forward once and records the node. The output needs a gradient when
 * any input does; every gradient buffer the backward will touch is allocated here, once.
 */
export function record(
  shape: Shape,
  inputs: readonly Tensor[],
  build: (out: Tensor) => { forward(): void; backward(): void }
): Tensor {
  const needsGrad = inputs.some((t) => t.requiresGrad)
  const out = new Tensor(getBackend().alloc(sizeOf(shape)), shape, needsGrad)
  for (const t of inputs) if (t.requiresGrad) t.ensureGrad()
  const { forward, backward } = build(out)
  const node: Node = { output: out, inputs, forward, backward }
  forward()
  out.node = node
  recording?.push(node)
  return out
}
