/** First byte of linear memory not used by this module's own data: the host's heap starts here. */
export function heapBase(): usize {
  return __heap_base
}
