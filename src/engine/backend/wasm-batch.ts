import type { WasmHeap } from '../wasm/heap'
import type { KernelExports } from '../wasm/kernels'
import { gatherScaledRows as gatherInTypeScript } from './js/batch'
import type { DataKernels } from './types'

/**
 * gatherScaledRows on the WebAssembly kernels. The samples must be in the memory: a source
 * outside it is copied in once (pinned) and the copy used for as long as the source lives.
 * A source that would take more than half of the memory left, or an output outside the memory,
 * goes to the TypeScript kernel instead (same bits). Each call stages its few sample numbers.
 */
class BatchGather {
  private readonly pinned = new WeakMap<Uint8Array, number>()
  private readonly refused = new WeakSet<Uint8Array>()
  /** Gives a pinned copy's bytes back once its source is collected. */
  private readonly release: FinalizationRegistry<{ offset: number; bytes: number }>
  private indices: Uint32Array | null = null

  constructor(
    private readonly kernels: KernelExports,
    private readonly heap: WasmHeap
  ) {
    this.release = new FinalizationRegistry(({ offset, bytes }) => heap.freeBytes(offset, bytes))
  }

  /** Samples kept in the memory are gathered in place. */
  readonly allocBytes: DataKernels['allocBytes'] = (length) => {
    const offset = this.roomFor(length)
    return offset < 0 ? new Uint8Array(length) : new Uint8Array(this.heap.buffer, offset, length)
  }

  readonly gatherScaledRows: DataKernels['gatherScaledRows'] = (
    src,
    width,
    order,
    start,
    end,
    scale,
    out
  ) => {
    const rows = end - start
    if (rows <= 0) return
    if (out.length < rows * width) {
      throw new RangeError(`gatherScaledRows: out holds ${out.length} values, not ${rows * width}`)
    }
    const source = this.place(src)
    const indices = this.stage(order, start, rows)
    if (source < 0 || indices === null || out.buffer !== this.heap.buffer) {
      gatherInTypeScript(src, width, order, start, end, scale, out)
      return
    }
    this.kernels.gatherScaledBytes(rows, width, source, indices.byteOffset, scale, out.byteOffset)
  }

  /** Where src's bytes are in the memory, pinning a copy the first time; -1 when they cannot be. */
  private place(src: Uint8Array): number {
    if (src.buffer === this.heap.buffer) return src.byteOffset
    const known = this.pinned.get(src)
    if (known !== undefined) return known
    if (this.refused.has(src)) return -1
    const bytes = src.length
    const offset = this.roomFor(bytes)
    if (offset < 0) {
      this.refused.add(src)
      return -1
    }
    new Uint8Array(this.heap.buffer, offset, bytes).set(src)
    this.pinned.set(src, offset)
    this.release.register(src, { offset, bytes })
    return offset
  }

  /** A block for samples, or -1: they may take at most half of the memory left (plans need it). */
  private roomFor(bytes: number): number {
    return bytes <= this.heap.unused / 2 ? this.heap.allocBytes(bytes) : -1
  }

  /** order[start, start + rows) copied into the memory, or null when there is no room. */
  private stage(order: Uint32Array, start: number, rows: number): Uint32Array | null {
    let indices = this.indices
    if (indices === null || indices.length < rows) {
      if (indices !== null) this.heap.freeBytes(indices.byteOffset, indices.byteLength)
      const offset = this.heap.allocBytes(4 * rows)
      indices = this.indices = offset < 0 ? null : new Uint32Array(this.heap.buffer, offset, rows)
      if (indices === null) return null
    }
    for (let r = 0; r < rows; r++) indices[r] = order[start + r]
    return indices
  }
}

/** The data kernels of the WebAssembly backend (the gatherer's two public functions). */
export function wasmBatchKernels(kernels: KernelExports, heap: WasmHeap): DataKernels {
  const { allocBytes, gatherScaledRows } = new BatchGather(kernels, heap)
  return { allocBytes, gatherScaledRows }
}
