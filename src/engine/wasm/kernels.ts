import { instantiateWasm, type WasmMemory, type WasmModule } from './api'

/**
 * The exports of the AssemblyScript kernels module (src/engine/wasm/assembly/index.ts), typed.
 * Pointers are byte offsets into the imported memory; flags are passed as booleans (0/1 in wasm).
 */
export interface KernelExports {
  /** C[i0:i1, j0:j1] (+)= op(A)·op(B); see assembly/gemm.ts. `scratch` is private to the caller. */
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: number,
    b: number,
    c: number,
    accumulate: boolean,
    i0: number,
    i1: number,
    j0: number,
    j1: number,
    scratch: number
  ): void
  gemmScratchBytes(): number
  gemmTileRows(): number
  gemmTileCols(): number
  heapBase(): number
}

/** Instantiates the kernels over `memory` (shared or not, matching how the module was built). */
export function instantiateKernels(module: WasmModule, memory: WasmMemory): KernelExports {
  return instantiateWasm(module, { env: { memory } }) as unknown as KernelExports
}
