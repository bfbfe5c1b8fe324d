/**
 * A drawing made to look like an MNIST digit, as LeCun et al. prepared theirs: the stroke's
 * bounding box is cut out, scaled (area-averaged, aspect ratio kept) so its longer side is 20
 * pixels, and placed in a 28×28 field so that its centre of mass sits at the field's centre.
 * Values end in [0, 1] with the darkest ink at 1. Pure: the drawing pad hands in pixels.
 */

/** MNIST's side, and the box the digit itself is scaled into. */
export const MNIST_SIDE = 28
export const DIGIT_BOX = 20

/** A grey image, row-major; 0 is background, larger is more ink (any scale). */
export interface GreyImage {
  width: number
  height: number
  data: ArrayLike<number>
}

/** The inked area as [left, right) × [top, bottom), or null for a blank image. */
export interface Bounds {
  left: number
  top: number
  right: number
  bottom: number
}

/** The red channel of RGBA bytes (the pad draws white on black), as a grey image. */
export function greyFromRgba(rgba: ArrayLike<number>, width: number, height: number): GreyImage {
  const data = new Float32Array(width * height)
  for (let i = 0; i < data.length; i++) data[i] = rgba[4 * i]
  return { width, height, data }
}

export function inkBounds({ width, height, data }: GreyImage): Bounds | null {
  let left = width
  let top = height
  let right = 0
  let bottom = 0
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] <= 0) continue
      left = Math.min(left, x)
      right = Math.max(right, x + 1)
      top = Math.min(top, y)
      bottom = Math.max(bottom, y + 1)
    }
  }
  return right > left ? { left, top, right, bottom } : null
}

/**
 * For each of `outSize` cells over `inSize` source pixels: the source pixels it covers and the
 * share of each (overlap / cell length), so a cell holds the mean of the area it spans.
 */
function areaWeights(inSize: number, outSize: number): { index: number; weight: number }[][] {
  const cell = inSize / outSize
  return Array.from({ length: outSize }, (_, k) => {
    const from = k * cell
    const to = from + cell
    const parts: { index: number; weight: number }[] = []
    for (let i = Math.floor(from); i < Math.min(inSize, Math.ceil(to)); i++) {
      const overlap = Math.min(to, i + 1) - Math.max(from, i)
      if (overlap > 0) parts.push({ index: i, weight: overlap / cell })
    }
    return parts
  })
}

/** The `bounds` part of the image resized to width × height by area averaging (rows, then columns). */
export function resizeArea(
  image: GreyImage,
  bounds: Bounds,
  width: number,
  height: number
): Float32Array {
  const cropWidth = bounds.right - bounds.left
  const cropHeight = bounds.bottom - bounds.top
  const across = areaWeights(cropWidth, width)
  const down = areaWeights(cropHeight, height)
  const rows = new Float32Array(cropHeight * width)
  for (let y = 0; y < cropHeight; y++) {
    const source = (bounds.top + y) * image.width + bounds.left
    for (let x = 0; x < width; x++) {
      let sum = 0
      for (const { index, weight } of across[x]) sum += weight * image.data[source + index]
      rows[y * width + x] = sum
    }
  }
  const out = new Float32Array(width * height)
  for (let y = 0; y < height; y++) {
    for (const { index, weight } of down[y]) {
      for (let x = 0; x < width; x++) out[y * width + x] += weight * rows[index * width + x]
    }
  }
  return out
}

/** The intensity-weighted mean position, in pixel indices (pixel x's centre is at x). */
export function centreOfMass(data: ArrayLike<number>, width: number): { x: number; y: number } {
  let mass = 0
  let sx = 0
  let sy = 0
  for (let i = 0; i < data.length; i++) {
    mass += data[i]
    sx += data[i] * (i % width)
    sy += data[i] * Math.floor(i / width)
  }
  return { x: sx / mass, y: sy / mass }
}

/**
 * The 784 inputs an MNIST model expects for this drawing, row-major in [0, 1]; null when nothing
 * is drawn. The digit is shifted by whole pixels (as MNIST was), and whatever the shift pushes
 * past the field's edge (only for very lopsided strokes) is cut off.
 */
export function mnistInput(image: GreyImage): Float32Array | null {
  const bounds = inkBounds(image)
  if (!bounds) return null
  const scale = DIGIT_BOX / Math.max(bounds.right - bounds.left, bounds.bottom - bounds.top)
  const width = Math.max(1, Math.round((bounds.right - bounds.left) * scale))
  const height = Math.max(1, Math.round((bounds.bottom - bounds.top) * scale))
  const digit = resizeArea(image, bounds, width, height)
  let darkest = 0
  for (const v of digit) darkest = Math.max(darkest, v)
  const centre = centreOfMass(digit, width)
  const middle = (MNIST_SIDE - 1) / 2
  const dx = Math.round(middle - centre.x)
  const dy = Math.round(middle - centre.y)
  const out = new Float32Array(MNIST_SIDE * MNIST_SIDE)
  for (let y = 0; y < height; y++) {
    const ty = y + dy
    if (ty < 0 || ty >= MNIST_SIDE) continue
    for (let x = 0; x < width; x++) {
      const tx = x + dx
      if (tx < 0 || tx >= MNIST_SIDE) continue
      out[ty * MNIST_SIDE + tx] = Math.min(1, Math.max(0, digit[y * width + x] / darkest))
    }
  }
  return out
}

/** Whether a model classifies 28×28 images (784 inputs), so a drawn digit can be put to it. */
export function takesDigits(model: { inputShape: readonly number[]; task: string }): boolean {
  const inputs = model.inputShape.reduce((a, b) => a * b, 1)
  return inputs === MNIST_SIDE * MNIST_SIDE && model.task !== 'regression'
}
