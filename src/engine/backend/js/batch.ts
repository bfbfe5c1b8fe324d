import type { DataKernels } from '../types'

export const gatherScaledRows: DataKernels['gatherScaledRows'] = (
  src,
  width,
  order,
  start,
  end,
  scale,
  out
) => {
  for (let r = 0; r < end - start; r++) {
    const from = order[start + r] * width
    const to = r * width
    for (let j = 0; j < width; j++) out[to + j] = src[from + j] * scale
  }
}
