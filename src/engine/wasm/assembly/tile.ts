/**
 * Register tile of the micro-kernel: MR rows × NR columns of C, NR / 4 = 2 f32x4 vectors a row.
 * With fused multiply-add 6 rows fit the 16 SIMD registers (12 accumulators, 2 B vectors, 1 A
 * broadcast); a separate multiply needs one more register, so the standard build keeps 4 rows.
 */
export const MR: i32 = ASC_FEATURE_RELAXED_SIMD ? 6 : 4
export const NR: i32 = 8

/** Cache blocking: a KC-deep slice of MC rows of A stays in L2, a KC × NR panel of B in L1. */
export const KC_MAX: i32 = 256
export const MC_MAX: i32 = 120
export const NC_MAX: i32 = 1024
