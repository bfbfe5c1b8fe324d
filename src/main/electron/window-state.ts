import type { Rectangle } from 'electron'

export interface WindowState {
  bounds: Rectangle
  maximized: boolean
}

export const defaultBounds = { width: 1280, height: 820 }

/**
 * The saved placement, if it is still sensible: big enough, and at least partly on one of the
 * displays that exist now (a monitor may have been unplugged since).
 */
export function restoreBounds(
  saved: WindowState | undefined,
  workAreas: Rectangle[]
): Partial<Rectangle> {
  if (!saved || !isRect(saved.bounds)) return { ...defaultBounds }
  const b = saved.bounds
  if (b.width < 400 || b.height < 300) return { ...defaultBounds }
  const visible = workAreas.some(
    (a) =>
      b.x < a.x + a.width - 50 &&
      b.x + b.width > a.x + 50 &&
      b.y < a.y + a.height - 50 &&
      b.y + b.height > a.y
  )
  return visible ? { ...b } : { width: b.width, height: b.height }
}

function isRect(r: unknown): r is Rectangle {
  if (typeof r !== 'object' || r === null) return false
  const v = r as Record<string, unknown>
  return ['x', 'y', 'width', 'height'].every(
    (k) => typeof v[k] === 'number' && Number.isFinite(v[k])
  )
}
