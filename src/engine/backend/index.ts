import { referenceBackend } from './reference'
import type { KernelBackend } from './types'

export type { KernelBackend } from './types'
export { referenceBackend } from './reference'

let current: KernelBackend = referenceBackend

/** The backend every op allocates from and runs its matmuls on. */
export function getBackend(): KernelBackend {
  return current
}

/** Switch backends before building a model: tensors keep the buffers they were allocated with. */
export function setBackend(backend: KernelBackend): void {
  current = backend
}
