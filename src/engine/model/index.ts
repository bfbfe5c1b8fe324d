export {
  Sequential,
  DEFAULT_SEED,
  type SequentialOptions,
  type CompileOptions,
  type BatchOptions,
  type RngSnapshot
} from './sequential'
export type { FitOptions, StopSignal } from './fit'
export type { History } from './history'
export type { Evaluation } from './evaluate'
export { formatSummary, groupThousands, readableBytes } from './summary'
export { usesLogits } from './plan'
export type { SequentialSpec } from './spec'
