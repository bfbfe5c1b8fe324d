// The kernels module: everything exported here is callable from the host (src/engine/wasm).
export { gemm, gemmScratchBytes, gemmTileCols, gemmTileRows } from './gemm'
export { heapBase } from './memory'
