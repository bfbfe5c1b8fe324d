export {
  saveTfjsLayers,
  loadTfjsLayers,
  WEIGHTS_FILE_NAME,
  type SavedTfjsModel,
  type LoadedTfjsModel
} from './tfjs-layers'
export {
  describeDataset,
  METADATA_VERSION,
  type DescentModelMetadata,
  type DatasetDescription,
  type CompileConfig,
  type SourceRun
} from './descent-metadata'
export { ModelFormatError } from './errors'
export type { WeightShards } from './tfjs-weights'
export type {
  TfjsModelJson,
  TfjsModelTopology,
  TfjsObjectJson,
  TfjsWeightSpec,
  TfjsWeightsGroup
} from './tfjs-json'
