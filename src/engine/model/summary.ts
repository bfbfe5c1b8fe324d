/**
 * model.summary() laid out as Keras 3 prints it: a box table of layers, output shapes and
 * parameter counts, then the totals with their size in memory (float32).
 */
import { formatSampleShape, type Layer } from '../layers/layer'

/** Cell widths, padding included, from Keras's positions [0.45, 0.80, 1.0] on 88 columns. */
const MIN_WIDTHS = [38, 29, 17]
const HEADER = ['Layer (type)', 'Output Shape', 'Param #']

/** 468874 -> "468,874", independent of the locale. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Keras's readable_memory_size: 1875496 -> "1.79 MB". */
export function readableBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']
  let size = bytes
  for (const unit of units) {
    if (size / 1024 < 1) return `${size.toFixed(2)} ${unit}`
    size /= 1024
  }
  return `${size.toFixed(2)} PB`
}

function row(cells: string[], widths: number[], edges: string): string {
  const [left, mid, right] = edges
  const padded = cells.map((c, i) => {
    const inner = widths[i] - 2
    return ` ${i === 2 ? c.padStart(inner) : c.padEnd(inner)} `
  })
  return left + padded.join(mid) + right
}

function rule(widths: number[], line: string, edges: string): string {
  const [left, mid, right] = edges
  return left + widths.map((w) => line.repeat(w)).join(mid) + right
}

function layerCells(layer: Layer): string[] {
  const name = `${layer.name} (${layer.className})`
  if (!layer.built) return [name, '?', '0 (unbuilt)']
  return [name, formatSampleShape(layer.outputShape!), groupThousands(layer.countParams())]
}

export function formatSummary(modelName: string, layers: readonly Layer[]): string {
  const rows = layers.map(layerCells)
  const widths = MIN_WIDTHS.map((w, i) =>
    Math.max(w, HEADER[i].length + 2, ...rows.map((r) => r[i].length + 2))
  )
  const lines = [`Model: "${modelName}"`, rule(widths, '━', '┏┳┓'), row(HEADER, widths, '┃┃┃')]
  lines.push(rule(widths, '━', '┡╇┩'))
  rows.forEach((cells, i) => {
    if (i > 0) lines.push(rule(widths, '─', '├┼┤'))
    lines.push(row(cells, widths, '│││'))
  })
  lines.push(rule(widths, '─', '└┴┘'))

  let trainable = 0
  let frozen = 0
  for (const layer of layers) {
    for (const w of layer.weights) {
      if (w.trainable) trainable += w.tensor.size
      else frozen += w.tensor.size
    }
  }
  const total = (label: string, n: number): string =>
    ` ${label}: ${groupThousands(n)} (${readableBytes(n * Float32Array.BYTES_PER_ELEMENT)})`
  lines.push(total('Total params', trainable + frozen))
  lines.push(total('Trainable params', trainable))
  lines.push(total('Non-trainable params', frozen))
  return lines.join('\n')
}
