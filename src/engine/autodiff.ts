import { backpropagate, settleGrad, Tensor, sizeOf, type Node, type Shape } from './tensor'
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

export { claimGrad, settleGrad } from './tensor'

/** Resets the gradients of parameters (tape.backward only resets intermediates). */
export function zeroGrads(tensors: readonly Tensor[]): void {
  for (const t of tensors) {
    t.gradStale = false
    if (t.grad) getBackend().zero(t.grad)
  }
}

/**
 * Resets the gradients of parameters lazily, for a backward pass that follows at once: each
 * is overwritten by its first contribution instead of being zeroed first. Call settleGrads
 * after the pass, before reading them (a parameter the pass never reached is zeroed then).
 */
export function markGradsStale(tensors: readonly Tensor[]): void {
  for (const t of tensors) if (t.grad) t.gradStale = true
}

/** Ends lazy resets (markGradsStale): a gradient no contribution reached becomes zero. */
export function settleGrads(tensors: readonly Tensor[]): void {
  for (const t of tensors) settleGrad(t)
}

/** The gradient an op's backward should add into, or null when `t` needs none. */
export function gradOf(t: Tensor): Float32Array | null {
  if (!t.requiresGrad) return null
  settleGrad(t)
  return t.grad
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
