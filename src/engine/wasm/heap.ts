import type { WasmMemory } from './api'

/**
 * The host's allocator over a WebAssembly memory that never grows: a bump pointer, plus freed
 * blocks kept by size for reuse (training plans allocate the same sizes again and again).
 * Blocks are 64-byte aligned (one cache line) so kernels never split a vector across lines.
 */
const ALIGN = 64

export class WasmHeap {
  /** The memory's buffer, captured once: every view this heap hands out is on it. */
  readonly buffer: ArrayBufferLike
  private top: number
  private readonly end: number
  private readonly freeBySize = new Map<number, number[]>()

  constructor(memory: WasmMemory, start: number) {
    this.buffer = memory.buffer
    this.top = roundUp(Math.max(start, ALIGN))
    this.end = this.buffer.byteLength
  }

  /** Bytes never yet handed out (freed blocks not counted). */
  get unused(): number {
    return this.end - this.top
  }

  /** Byte offset of a zeroed block of at least `bytes` bytes, or -1 when the memory is full. */
  allocBytes(bytes: number): number {
    const size = roundUp(Math.max(bytes, 1))
    const reusable = this.freeBySize.get(size)
    if (reusable !== undefined && reusable.length > 0) {
      const offset = reusable.pop()!
      new Uint8Array(this.buffer, offset, size).fill(0)
      return offset
    }
    if (this.top + size > this.end) return -1
    const offset = this.top
    this.top += size
    return offset
  }

  freeBytes(offset: number, bytes: number): void {
    const size = roundUp(Math.max(bytes, 1))
    const list = this.freeBySize.get(size)
    if (list === undefined) this.freeBySize.set(size, [offset])
    else list.push(offset)
  }

  /** A zeroed Float32Array view into the memory, or null when the memory is full. */
  floats(length: number): Float32Array | null {
    const offset = this.allocBytes(length * 4)
    return offset < 0 ? null : new Float32Array(this.buffer, offset, length)
  }

  /** Whether `view` lies in this heap's memory (so kernels can use it in place). */
  owns(view: Float32Array): boolean {
    return view.buffer === this.buffer
  }

  free(view: Float32Array): void {
    if (!this.owns(view)) throw new Error('WasmHeap.free: this buffer is not in the heap')
    this.freeBytes(view.byteOffset, view.byteLength)
  }
}

function roundUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN
}
