import { Tensor } from './tensor'

type Argument = Tensor | ArrayLike<number> | number

/** A fresh leaf that needs a gradient, holding a copy of the argument's values. */
function leaf(x: Argument): Tensor {
  if (typeof x === 'number') return Tensor.fromArray([x], [], true)
  if (x instanceof Tensor) return Tensor.fromArray(x.data, x.shape, true)
  return Tensor.fromArray(x, [x.length], true)
}

/**
 * The value of a scalar function and its gradient with respect to each argument (eager mode).
 * Arguments are copied into fresh leaves, so the caller's tensors are left untouched.
 */
export function valueAndGrad(
  f: (...xs: Tensor[]) => Tensor
): (...xs: Argument[]) => { value: number; grads: Tensor[] } {
  return (...xs) => {
    const inputs = xs.map(leaf)
    const y = f(...inputs)
    y.backward()
    return { value: y.item(), grads: inputs.map((x) => new Tensor(x.grad!, x.shape)) }
  }
}

/** The gradient of a scalar function with respect to each argument, shaped like the argument. */
export function grad(f: (...xs: Tensor[]) => Tensor): (...xs: Argument[]) => Tensor[] {
  const vg = valueAndGrad(f)
  return (...xs) => vg(...xs).grads
}
