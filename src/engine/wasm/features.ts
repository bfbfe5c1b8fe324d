import { hasWebAssembly, validateWasm } from './api'

/**
 * Feature probes: each is the smallest valid module whose one function uses the feature, so
 * WebAssembly.validate answers "does this runtime have it" without compiling anything real.
 */

/** v128.const 0 (the immediate is 16 zero bytes). */
const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)]
/** f32x4.relaxed_madd: SIMD prefix 0xfd, opcode 0x105 as LEB128. */
const F32X4_RELAXED_MADD = [0xfd, 0x85, 0x02]

/** A module with one function `() -> v128` whose body is `body` (short enough for 1-byte sizes). */
function probeModule(body: number[]): Uint8Array {
  const code = [0x00, ...body, 0x0b] // no locals, body, end
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // magic, version 1
    ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b], // type section: () -> v128
    ...[0x03, 0x02, 0x01, 0x00], // function section: one function of type 0
    ...[0x0a, code.length + 2, 0x01, code.length, ...code] // code section
  ])
}

export const SIMD_PROBE = probeModule(V128_ZERO)
export const RELAXED_SIMD_PROBE = probeModule([
  ...V128_ZERO,
  ...V128_ZERO,
  ...V128_ZERO,
  ...F32X4_RELAXED_MADD
])

export function supportsSimd(): boolean {
  return hasWebAssembly() && validateWasm(SIMD_PROBE)
}

export function supportsRelaxedSimd(): boolean {
  return hasWebAssembly() && validateWasm(RELAXED_SIMD_PROBE)
}
