import type { WasmHeap } from '../wasm/heap'

/**
 * Where a kernel's operands are in the WebAssembly memory, as byte offsets. A buffer from the
 * backend's alloc() is used in place; any other Float32Array is copied into a staging buffer
 * (correct, slower), one per operand position (`slot`), grown when needed and then reused.
 * Kernels take null operands as offset 0, which is never a buffer (the heap starts above it).
 */
export class Operands {
  private readonly staging: (Float32Array | undefined)[] = []

  constructor(private readonly heap: WasmHeap) {}

  /** Whether the kernels can use `array` in place. */
  inMemory(array: Float32Array): boolean {
    return this.heap.owns(array)
  }

  /** An operand the kernel reads, or updates in place (+=): its values are staged in. */
  read(array: Float32Array, length: number, slot: number): number {
    return this.place(array, length, slot, true)
  }

  /** As read(), with null as 0. */
  readOrNone(array: Float32Array | null, length: number, slot: number): number {
    return array === null ? 0 : this.place(array, length, slot, true)
  }

  /** An operand the kernel only writes: nothing is staged in. */
  write(array: Float32Array, length: number, slot: number): number {
    return this.place(array, length, slot, false)
  }

  /** After the kernel: copies a staged operand's new values back (nothing when used in place). */
  writeBack(array: Float32Array | null, length: number, slot: number): void {
    if (array === null || this.heap.owns(array)) return
    array.set(this.staging[slot]!.subarray(0, length))
  }

  private place(array: Float32Array, length: number, slot: number, copyIn: boolean): number {
    if (array.length < length) {
      throw new RangeError(
        `a kernel operand holds ${array.length} values where ${length} are needed`
      )
    }
    if (this.heap.owns(array)) return array.byteOffset
    let stage = this.staging[slot]
    if (stage === undefined || stage.length < length) {
      if (stage !== undefined) this.heap.free(stage)
      const fresh = this.heap.floats(length)
      if (fresh === null) throw new Error('WasmBackend: the memory is too full to stage an operand')
      stage = this.staging[slot] = fresh
    }
    if (copyIn) stage.set(array.subarray(0, length))
    return stage.byteOffset
  }
}
