/** Drawing on a viewport: axes with ticks, curves, paths, points and segments, clipped to the plot. */
import { formatNumber } from '../../format'
import type { PlotTheme } from './colors'
import { niceTicks } from './ticks'
import type { Viewport } from './viewport'

const font = '11px system-ui, sans-serif'

/** Runs draw with everything outside the plot area clipped away. */
export function clipped(ctx: CanvasRenderingContext2D, vp: Viewport, draw: () => void): void {
  const { left, right, top, bottom } = vp.inset
  ctx.save()
  ctx.beginPath()
  ctx.rect(left, top, vp.width - left - right, vp.height - top - bottom)
  ctx.clip()
  draw()
  ctx.restore()
}

/** Frame, grid lines at round values, tick labels, and the zero lines a little stronger. */
export function drawAxes(
  ctx: CanvasRenderingContext2D,
  vp: Viewport,
  theme: PlotTheme,
  labels: { x?: string; y?: string } = {}
): void {
  const { left, right, top, bottom } = vp.inset
  const x0 = left
  const x1 = vp.width - right
  const y0 = top
  const y1 = vp.height - bottom
  ctx.save()
  ctx.font = font
  ctx.lineWidth = 1
  ctx.fillStyle = theme.muted
  ctx.strokeStyle = theme.border
  ctx.globalAlpha = 0.6
  ctx.beginPath()
  for (const t of niceTicks(vp.box.x.min, vp.box.x.max, 6)) {
    const px = Math.round(vp.px(t)) + 0.5
    ctx.moveTo(px, y0)
    ctx.lineTo(px, y1)
  }
  for (const t of niceTicks(vp.box.y.min, vp.box.y.max, 5)) {
    const py = Math.round(vp.py(t)) + 0.5
    ctx.moveTo(x0, py)
    ctx.lineTo(x1, py)
  }
  ctx.stroke()
  ctx.globalAlpha = 1
  ctx.strokeStyle = theme.muted
  ctx.beginPath()
  if (vp.box.x.min < 0 && vp.box.x.max > 0) {
    ctx.moveTo(Math.round(vp.px(0)) + 0.5, y0)
    ctx.lineTo(Math.round(vp.px(0)) + 0.5, y1)
  }
  if (vp.box.y.min < 0 && vp.box.y.max > 0) {
    ctx.moveTo(x0, Math.round(vp.py(0)) + 0.5)
    ctx.lineTo(x1, Math.round(vp.py(0)) + 0.5)
  }
  ctx.stroke()
  ctx.strokeStyle = theme.border
  ctx.strokeRect(x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  for (const t of niceTicks(vp.box.x.min, vp.box.x.max, 6)) {
    ctx.fillText(formatNumber(t), vp.px(t), y1 + 4)
  }
  ctx.textAlign = 'right'
  ctx.textBaseline = 'middle'
  for (const t of niceTicks(vp.box.y.min, vp.box.y.max, 5)) {
    ctx.fillText(formatNumber(t), x0 - 4, vp.py(t))
  }
  if (labels.x) {
    ctx.textAlign = 'right'
    ctx.textBaseline = 'bottom'
    ctx.fillText(labels.x, x1 - 4, y1 - 3)
  }
  if (labels.y) {
    ctx.textAlign = 'left'
    ctx.textBaseline = 'top'
    ctx.fillText(labels.y, x0 + 4, y0 + 3)
  }
  ctx.restore()
}

export interface LineStyle {
  readonly color: string
  readonly width?: number
  readonly dash?: readonly number[]
  /** A wider stroke of this colour underneath, so the line reads on any background. */
  readonly halo?: string
  readonly alpha?: number
}

/**
 * A polyline through (x[i], y[i]) for i < count, broken at non-finite values and clipped to
 * the plot.
 */
export function drawLine(
  ctx: CanvasRenderingContext2D,
  vp: Viewport,
  at: (i: number) => readonly [number, number],
  count: number,
  style: LineStyle
): void {
  clipped(ctx, vp, () => {
    ctx.beginPath()
    let pen = false
    for (let i = 0; i < count; i++) {
      const [x, y] = at(i)
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        pen = false
        continue
      }
      // Far-off points would overflow the canvas's coordinates: clamp them well outside the clip.
      const px = clampPixel(vp.px(x), vp.width)
      const py = clampPixel(vp.py(y), vp.height)
      if (pen) ctx.lineTo(px, py)
      else ctx.moveTo(px, py)
      pen = true
    }
    stroke(ctx, style)
  })
}

function clampPixel(p: number, size: number): number {
  return Math.min(size * 10, Math.max(-size * 9, p))
}

function stroke(ctx: CanvasRenderingContext2D, style: LineStyle): void {
  ctx.lineJoin = 'round'
  ctx.lineCap = 'round'
  ctx.globalAlpha = style.alpha ?? 1
  ctx.setLineDash(style.dash ? [...style.dash] : [])
  if (style.halo) {
    ctx.strokeStyle = style.halo
    ctx.lineWidth = (style.width ?? 1.5) + 3
    ctx.stroke()
  }
  ctx.strokeStyle = style.color
  ctx.lineWidth = style.width ?? 1.5
  ctx.stroke()
  ctx.setLineDash([])
  ctx.globalAlpha = 1
}

/** A filled dot of radius r (pixels) at data point (x, y), outlined when stroke is given. */
export function drawDot(
  ctx: CanvasRenderingContext2D,
  vp: Viewport,
  x: number,
  y: number,
  r: number,
  fill: string,
  outline?: string
): void {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return
  clipped(ctx, vp, () => {
    ctx.beginPath()
    ctx.arc(vp.px(x), vp.py(y), r, 0, 2 * Math.PI)
    ctx.fillStyle = fill
    ctx.fill()
    if (outline) {
      ctx.lineWidth = 1.5
      ctx.strokeStyle = outline
      ctx.stroke()
    }
  })
}

/** A small label at data point (x, y), shifted by (dx, dy) pixels, aligned as asked. */
export function drawLabel(
  ctx: CanvasRenderingContext2D,
  vp: Viewport,
  [x, y]: readonly [number, number],
  text: string,
  color: string,
  { dx = 6, dy = -4, align = 'left' }: { dx?: number; dy?: number; align?: CanvasTextAlign } = {}
): void {
  ctx.save()
  ctx.font = font
  ctx.fillStyle = color
  ctx.textAlign = align
  ctx.textBaseline = 'middle'
  ctx.fillText(text, vp.px(x) + dx, vp.py(y) + dy)
  ctx.restore()
}

/** The straight segment from a to b (data coordinates). */
export function drawSegment(
  ctx: CanvasRenderingContext2D,
  vp: Viewport,
  a: readonly [number, number],
  b: readonly [number, number],
  style: LineStyle
): void {
  drawLine(ctx, vp, (i) => (i === 0 ? a : b), 2, style)
}
