/**
 * Decision-boundary pictures: the plane is cut into a grid, the network's class probabilities at
 * each cell's centre become a colour (the classes' colours mixed by probability, fading toward the
 * background where the network is unsure), and the data points are drawn on top.
 */
import { rgba, type Rgb } from '../components/charts/colors'
import { imageCanvas } from './plot/canvas'

export interface Bounds {
  xMin: number
  xMax: number
  yMin: number
  yMax: number
}

/** 2D points, [n, 2] row-major, and their classes. */
export interface ClassPoints {
  xy: Float32Array
  labels: Int32Array
}

/** A square window around every point with a margin around it, so circles stay round. */
export function squareBounds(sets: readonly Float32Array[], margin = 0.1): Bounds {
  let xMin = Infinity
  let xMax = -Infinity
  let yMin = Infinity
  let yMax = -Infinity
  for (const xy of sets) {
    for (let i = 0; i < xy.length; i += 2) {
      xMin = Math.min(xMin, xy[i])
      xMax = Math.max(xMax, xy[i])
      yMin = Math.min(yMin, xy[i + 1])
      yMax = Math.max(yMax, xy[i + 1])
    }
  }
  if (!(xMin <= xMax)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 }
  const half = (Math.max(xMax - xMin, yMax - yMin, 1e-6) / 2) * (1 + 2 * margin)
  const cx = (xMin + xMax) / 2
  const cy = (yMin + yMax) / 2
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half }
}

/** The centres of a cols × rows grid over the bounds, [cols·rows, 2], top row (yMax) first. */
export function gridCentres(b: Bounds, cols: number, rows: number): Float32Array {
  const out = new Float32Array(cols * rows * 2)
  const dx = (b.xMax - b.xMin) / cols
  const dy = (b.yMax - b.yMin) / rows
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = 2 * (r * cols + c)
      out[i] = b.xMin + (c + 0.5) * dx
      out[i + 1] = b.yMax - (r + 0.5) * dy
    }
  }
  return out
}

/**
 * RGBA pixels for [cells, k] class probabilities: the probability-weighted mix of the class
 * colours, laid over the background with an opacity that grows with the network's confidence
 * (0 at a uniform guess, `strength` when one class is certain).
 */
export function heatmapPixels(
  probs: Float32Array,
  k: number,
  colors: readonly Rgb[],
  background: Rgb,
  strength = 0.65
): Uint8ClampedArray {
  const cells = probs.length / k
  const pixels = new Uint8ClampedArray(cells * 4)
  for (let cell = 0; cell < cells; cell++) {
    let max = 0
    const mixed = [0, 0, 0]
    for (let c = 0; c < k; c++) {
      const p = probs[cell * k + c]
      max = Math.max(max, p)
      for (let ch = 0; ch < 3; ch++) mixed[ch] += p * colors[c % colors.length][ch]
    }
    const confidence = Math.min(1, Math.max(0, (max - 1 / k) / (1 - 1 / k)))
    const alpha = strength * (0.15 + 0.85 * confidence)
    for (let ch = 0; ch < 3; ch++) {
      pixels[4 * cell + ch] = background[ch] + alpha * (mixed[ch] - background[ch])
    }
    pixels[4 * cell + 3] = 255
  }
  return pixels
}

export interface BoundaryPicture {
  bounds: Bounds
  cols: number
  rows: number
  /** From heatmapPixels. */
  pixels: Uint8ClampedArray
  train: ClassPoints
  test: ClassPoints
  colors: readonly Rgb[]
  /** The outline of the training dots and the inside of the test rings. */
  paper: Rgb
}

/**
 * Paints the heatmap stretched (smoothed) over width × height of the canvas, then the training
 * points as filled dots and the test points as rings.
 */
export function drawDecisionBoundary(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  pic: BoundaryPicture
): void {
  ctx.imageSmoothingEnabled = true
  ctx.drawImage(imageCanvas(pic.pixels, pic.cols, pic.rows), 0, 0, width, height)
  const { xMin, xMax, yMin, yMax } = pic.bounds
  const radius = Math.max(2.5, width / 110)
  const dot = (points: ClassPoints, filled: boolean): void => {
    for (let i = 0; i < points.labels.length; i++) {
      const px = ((points.xy[2 * i] - xMin) / (xMax - xMin)) * width
      const py = ((yMax - points.xy[2 * i + 1]) / (yMax - yMin)) * height
      const color = rgba(pic.colors[points.labels[i] % pic.colors.length])
      ctx.beginPath()
      ctx.arc(px, py, radius, 0, 2 * Math.PI)
      ctx.fillStyle = filled ? color : rgba(pic.paper)
      ctx.fill()
      ctx.lineWidth = filled ? 1 : radius * 0.7
      ctx.strokeStyle = filled ? rgba(pic.paper) : color
      ctx.stroke()
    }
  }
  dot(pic.train, true)
  dot(pic.test, false)
}
