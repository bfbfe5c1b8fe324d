/** Canvas set-up at the screen's pixel density, and pointer positions in the canvas's own units. */

/** Sizes the backing store for devicePixelRatio and returns a context drawing in CSS pixels. */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number
): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1
  const w = Math.round(width * ratio)
  const h = Math.round(height * ratio)
  if (canvas.width !== w) canvas.width = w
  if (canvas.height !== h) canvas.height = h
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('This browser cannot draw on a 2D canvas')
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
  ctx.clearRect(0, 0, width, height)
  return ctx
}

/**
 * Where a pointer event falls in the canvas's logical width × height, whatever size CSS
 * stretched the canvas to.
 */
export function pointerPosition(
  event: PointerEvent,
  canvas: HTMLCanvasElement,
  width: number,
  height: number
): { px: number; py: number } {
  const rect = canvas.getBoundingClientRect()
  return {
    px: ((event.clientX - rect.left) / rect.width) * width,
    py: ((event.clientY - rect.top) / rect.height) * height
  }
}

/** An offscreen canvas holding RGBA bytes, ready to be drawn (scaled) onto another canvas. */
export function imageCanvas(
  rgba: Uint8ClampedArray,
  width: number,
  height: number
): HTMLCanvasElement {
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('This browser cannot draw on a 2D canvas')
  const image = ctx.createImageData(width, height)
  image.data.set(rgba)
  ctx.putImageData(image, 0, 0)
  return canvas
}
