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
  createLayer,
  parseLayersText,
  formatLayersText,
  checkSpec,
  defaultMetrics,
  suggestedOutput,
  type DataShape,
  type TrainingSpec,
  type LayerSpec as TrainingLayerSpec
} from './spec/index'
export { WasmBackend, type WasmBackendOptions, type WasmVariant } from './backend/wasm'
export * from './formats/index'
