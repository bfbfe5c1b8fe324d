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

export interface CanvasDrag {
  /** Whether the pointer is held down on the canvas. */
  isDragging(): boolean
  onPointerDown(event: PointerEvent): void
  onPointerMove(event: PointerEvent): void
  /** For pointerup and pointercancel alike. */
  onPointerUp(): void
}

/**
 * Dragging on a canvas of logical size width × height: a press captures the pointer and moves
 * there, moves follow while it is held, and a release ends the drag. `start` runs before the
 * first move, `end` once when a drag ends.
 */
export function canvasDrag(
  canvas: () => HTMLCanvasElement | null,
  width: number,
  height: number,
  moveTo: (px: number, py: number) => void,
  hooks: { start?: () => void; end?: () => void } = {}
): CanvasDrag {
  let dragging = false
  const follow = (event: PointerEvent): void => {
    const element = canvas()
    if (!element) return
    const { px, py } = pointerPosition(event, element, width, height)
    moveTo(px, py)
  }
  return {
    isDragging: () => dragging,
    onPointerDown(event) {
      hooks.start?.()
      dragging = true
      canvas()?.setPointerCapture(event.pointerId)
      follow(event)
    },
    onPointerMove(event) {
      if (dragging) follow(event)
    },
    onPointerUp() {
      if (!dragging) return
      dragging = false
      hooks.end?.()
    }
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
