/** First byte of linear memory not used by this module's own data: the host's heap starts here. */
export function heapBase(): usize {
  return __heap_base
}

/** x[0..n) ← 0, with the bulk-memory fill. */
export function zero(n: i32, x: usize): void {
  memory.fill(x, 0, (<usize>n) << 2)
}
