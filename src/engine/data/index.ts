export {
  Dataset,
  type Task,
  type LabelEncoding,
  type Uint8DatasetOptions,
  type Float32DatasetOptions
} from './dataset'
export { DataError, type DataErrorPlace } from './errors'
export { parseIdx, type IdxArray, type IdxData, type IdxType } from './idx'
export { datasetFromIdx, type IdxDatasetOptions } from './idx-dataset'
export { parseCsv, AUTO_CLASS_LIMIT, type CsvOptions } from './csv'
export { loadMnist, MNIST_FILE_NAMES, type MnistFiles } from './mnist'
export {
  makeSynthetic,
  syntheticNames,
  spiral,
  circles,
  xor,
  moons,
  blobs,
  sine,
  cubic,
  type SyntheticName,
  type SyntheticOptions
} from './synthetic'
