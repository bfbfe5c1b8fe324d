import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { compileWasm, createMemory } from '../wasm/api'
import { supportsRelaxedSimd, supportsSimd } from '../wasm/features'
import { instantiateKernels } from '../wasm/kernels'
import { KernelPool } from './pool.node'
import { referenceBackend } from './reference'
import type { KernelBackend } from './types'
import { WasmBackend, type WasmVariant } from './wasm'

/** A backend that may hold threads: close() before dropping it. */
export interface ClosableBackend extends KernelBackend {
  close(): Promise<void>
}

export interface NodeBackendOptions {
  /** Threads for gemm and the elementwise kernels, the caller included. Default: every core. */
  threads?: number
  /** Size of the kernels' memory, fixed for the process's life. Default 256 MiB. */
  memoryBytes?: number
  /** Where the built kernels are (scripts/build-wasm.mjs). Default: resources/wasm under the cwd. */
  wasmDir?: string
  /** Kernel build: 'auto' takes relaxed SIMD when the runtime has it (after enabling it). */
  simd?: 'auto' | 'relaxed' | 'standard'
  /** See WasmBackendOptions.parallelMinFlops. */
  parallelMinFlops?: number
  /** See WasmBackendOptions.parallelMinValues. */
  parallelMinValues?: number
  /** See KernelPoolOptions.spinMicroseconds. */
  spinMicroseconds?: number
  /** See WasmBackendOptions.skipZeroDepths. */
  skipZeroDepths?: boolean
}

const PAGE_BYTES = 65536
const DEFAULT_MEMORY_BYTES = 256 * 1024 * 1024

/**
 * Relaxed SIMD is on by default in Electron's V8 but behind a flag in Node 20's. V8 reads the
 * flag when it validates and compiles, so setting it at run time works; this says whether it took.
 */
export function enableRelaxedSimd(): boolean {
  if (!supportsRelaxedSimd()) setFlagsFromString('--experimental-wasm-relaxed-simd')
  return supportsRelaxedSimd()
}

/** Path of a built kernels module. */
export function kernelsFile(wasmDir: string, variant: WasmVariant, shared: boolean): string {
  const base = variant === 'wasm-relaxed-simd' ? 'kernels-relaxed-simd' : 'kernels-simd'
  return join(wasmDir, `${base}${shared ? '-shared' : ''}.wasm`)
}

/**
 * The fastest backend this process can run: WebAssembly relaxed SIMD, else standard SIMD, with
 * a worker pool when threads > 1; the TypeScript reference when the runtime has no SIMD at all.
 */
export async function createNodeBackend(
  options: NodeBackendOptions = {}
): Promise<ClosableBackend> {
  if (!supportsSimd()) return { ...referenceBackend, close: async () => {} }
  const variant = chooseVariant(options.simd ?? 'auto')
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()))
  const wasmDir = options.wasmDir ?? join(process.cwd(), 'resources', 'wasm')
  const file = kernelsFile(wasmDir, variant, true)
  if (!existsSync(file)) {
    throw new Error(`no WebAssembly kernels at ${file}: run \`npm run build:wasm\` or pass wasmDir`)
  }
  const module = compileWasm(readFileSync(file))
  const pages = Math.ceil((options.memoryBytes ?? DEFAULT_MEMORY_BYTES) / PAGE_BYTES)
  // Sized once and never grown: growing detaches the old buffer, and every view with it.
  const memory = createMemory({ initial: pages, maximum: pages, shared: true })
  const team =
    threads > 1
      ? await KernelPool.start({
          module,
          memory,
          helpers: threads - 1,
          spinMicroseconds: options.spinMicroseconds
        })
      : undefined
  return new WasmBackend({
    kernels: instantiateKernels(module, memory),
    memory,
    variant,
    team,
    parallelMinFlops: options.parallelMinFlops,
    parallelMinValues: options.parallelMinValues,
    skipZeroDepths: options.skipZeroDepths
  })
}

/**
 * What createNodeBackend would give with these options, without building it: the name shown in
 * app.info ("wasm-relaxed-simd ×2 threads", or "js" when the kernels are missing or SIMD is not).
 */
export function describeNodeBackend(options: { threads: number; wasmDir: string }): {
  name: string
  threads: number
} {
  const threads = Math.max(1, Math.floor(options.threads))
  if (!supportsSimd()) return { name: referenceBackend.name, threads: 1 }
  const variant = chooseVariant('auto')
  if (!existsSync(kernelsFile(options.wasmDir, variant, true)))
    return { name: referenceBackend.name, threads: 1 }
  return { name: threads > 1 ? `${variant} ×${threads} threads` : variant, threads }
}

function chooseVariant(simd: 'auto' | 'relaxed' | 'standard'): WasmVariant {
  if (simd === 'standard') return 'wasm-simd'
  if (enableRelaxedSimd()) return 'wasm-relaxed-simd'
  if (simd === 'relaxed') throw new Error('relaxed SIMD is not available in this runtime')
  return 'wasm-simd'
}
