import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { WasmBackend, type WasmVariant } from '../../../src/engine/backend/wasm'
import { enableRelaxedSimd, kernelsFile } from '../../../src/engine/backend/wasm.node'
import { Rng } from '../../../src/engine/random'
import { compileWasm, createMemory } from '../../../src/engine/wasm/api'
import { instantiateKernels } from '../../../src/engine/wasm/kernels'

export const WASM_DIR = 'resources/wasm'
export const MIB = 1024 * 1024

/** Builds the kernels (a no-op when up to date) and turns relaxed SIMD on in this process. */
export function prepareKernels(): void {
  // From a fresh clone the kernels are not built yet.
  execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { stdio: 'ignore' })
  enableRelaxedSimd()
}

export interface Setup {
  label: string
  variant: WasmVariant
  shared: boolean
}

/** Every build of the kernels: standard or relaxed SIMD, over a private or a shared memory. */
export const setups: Setup[] = [
  { label: 'standard SIMD, private memory', variant: 'wasm-simd', shared: false },
  { label: 'relaxed SIMD, private memory', variant: 'wasm-relaxed-simd', shared: false },
  { label: 'standard SIMD, shared memory', variant: 'wasm-simd', shared: true },
  { label: 'relaxed SIMD, shared memory', variant: 'wasm-relaxed-simd', shared: true }
]

/** A single-threaded backend on one build of the kernels. */
export function makeBackend(
  setup: Setup,
  memoryBytes = 32 * MIB,
  options: { skipZeroDepths?: boolean } = {}
): WasmBackend {
  const module = compileWasm(readFileSync(kernelsFile(WASM_DIR, setup.variant, setup.shared)))
  const pages = memoryBytes / 65536
  const memory = createMemory({ initial: pages, maximum: pages, shared: setup.shared })
  return new WasmBackend({
    kernels: instantiateKernels(module, memory),
    memory,
    variant: setup.variant,
    ...options
  })
}

export function randomArray(rng: Rng, length: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(length)
  for (let i = 0; i < length; i++) out[i] = rng.uniform(lo, hi)
  return out
}

/**
 * Random values of which about `zeroFraction` are +0, as in MNIST images (81% zeros) or ReLU
 * outputs: panels of A get whole zero depths, which gemm skips (assembly/zero-depths.ts).
 */
export function sparseArray(rng: Rng, length: number, zeroFraction: number): Float32Array {
  const out = randomArray(rng, length)
  for (let i = 0; i < length; i++) if (rng.uniform(0, 1) < zeroFraction) out[i] = 0
  return out
}

/** Index of the first element whose bits differ, or -1 (expect's deep equality is too slow here). */
export function firstBitDifference(x: Float32Array, y: Float32Array): number {
  const bx = new Uint32Array(x.buffer, x.byteOffset, x.length)
  const by = new Uint32Array(y.buffer, y.byteOffset, y.length)
  if (bx.length !== by.length) return Math.min(bx.length, by.length)
  for (let i = 0; i < bx.length; i++) if (bx[i] !== by[i]) return i
  return -1
}
