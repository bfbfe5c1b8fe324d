// The kernels module: everything exported here is callable from the host (src/engine/wasm).
export { gemm, gemmScratchBytes, gemmTileCols, gemmTileRows } from './gemm'
export {
  biasLeakyRelu,
  biasLeakyReluBackward,
  biasLinear,
  biasLinearBackward,
  biasRelu,
  biasReluBackward
} from './activation'
export {
  softmaxCrossEntropy,
  softmaxCrossEntropyBackward,
  softmaxRows,
  softmaxRowsBackward,
  sparseSoftmaxCrossEntropy,
  sparseSoftmaxCrossEntropyBackward
} from './softmax'
export {
  adadelta,
  adagrad,
  adam,
  clamp,
  nadam,
  rmsprop,
  scale,
  sgd,
  sgdMomentum,
  sumOfSquares,
  weightDecay
} from './updates'
export { heapBase, zero } from './memory'
export { gatherScaledBytes } from './batch'
