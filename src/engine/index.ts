/**
 * The engine's public surface: everything the main process, the workers, the CLI and the
 * renderer's live demos use. Pure: Node-only code (*.node.ts) is imported from its own file.
 */
export * from './tensor'
export * from './autodiff'
export * from './grad'
export * from './ops/index'
export * from './losses/index'
export * from './metrics'
export * from './random'
export * from './backend/index'
export * from './initializers'
export * from './layers/index'
export * from './model/index'
export * from './callbacks/index'
export * from './optimizers/index'
export * from './data/index'
// The builder's layer list is named apart from Keras's serialized LayerSpec.
export {
  buildModel,
  checkSpec,
  defaultMetrics,
  suggestedOutput,
  type DataShape,
  type TrainingSpec,
  type LayerSpec as TrainingLayerSpec
} from './spec/index'
export { WasmBackend, type WasmBackendOptions, type WasmVariant } from './backend/wasm'
export { ModelFormatError } from './formats/errors'
export { Notes } from './formats/notes'
export { toTfjsTopology } from './formats/tfjs-export'
export { architectureFromTfjs, type ImportedArchitecture } from './formats/tfjs-import'
export {
  readWeights,
  writeWeights,
  type LoadedWeight,
  type WeightShards
} from './formats/tfjs-weights'
export type {
  TfjsModelJson,
  TfjsModelTopology,
  TfjsWeightSpec,
  TfjsWeightsGroup
} from './formats/tfjs-json'
export {
  METADATA_VERSION,
  describeDataset,
  encodeMetadata,
  decodeMetadata,
  type DescentModelMetadata,
  type DatasetDescription,
  type CompileConfig,
  type SourceRun
} from './formats/descent-metadata'
