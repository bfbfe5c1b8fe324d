/**
 * The slice of the WebAssembly JavaScript API the kernels need, typed here because the Node-side
 * TypeScript config has no DOM lib (where `WebAssembly`'s types live) and redeclaring that
 * namespace would clash with it in the renderer's config. Both runtimes provide the global.
 */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike
}

/** A compiled module: opaque, passed to instantiate and (structured-cloned) to worker threads. */
export type WasmModule = object

export interface WasmMemoryDescriptor {
  initial: number
  maximum?: number
  shared?: boolean
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => WasmModule
  Instance: new (
    module: WasmModule,
    imports: Record<string, Record<string, unknown>>
  ) => {
    readonly exports: Record<string, unknown>
  }
  Memory: new (descriptor: WasmMemoryDescriptor) => WasmMemory
  validate(bytes: Uint8Array): boolean
}

const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly

function need(): WebAssemblyApi {
  if (api === undefined) throw new Error('this runtime has no WebAssembly')
  return api
}

export const hasWebAssembly = (): boolean => api !== undefined
export const validateWasm = (bytes: Uint8Array): boolean => need().validate(bytes)
export const compileWasm = (bytes: Uint8Array): WasmModule => new (need().Module)(bytes)
export const createMemory = (descriptor: WasmMemoryDescriptor): WasmMemory =>
  new (need().Memory)(descriptor)
export const instantiateWasm = (
  module: WasmModule,
  imports: Record<string, Record<string, unknown>>
): Record<string, unknown> => new (need().Instance)(module, imports).exports
