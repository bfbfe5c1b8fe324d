/** A library model's architecture as Keras's model.summary() prints it, from the engine. */
import { Sequential } from '../../engine/model/sequential'
import { parseSequentialSpec, type SequentialSpec } from '../../engine/model/spec'

/**
 * The summary table of the architecture (the layers are built with fresh weights just to count
 * them: shapes and parameter counts do not depend on the values). Null when the spec does not
 * say its input shape.
 */
export function kerasSummary(architecture: SequentialSpec): string | null {
  const { name, inputShape, layers } = parseSequentialSpec(architecture)
  if (!inputShape) return null
  return new Sequential({ name, inputShape, layers }).summary()
}
