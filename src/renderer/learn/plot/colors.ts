/**
 * Plot colours from the theme's CSS custom properties, so canvases follow light and dark like
 * the rest of the page, plus a series palette chosen to read on both.
 */
export type Rgb = readonly [number, number, number]

export interface PlotTheme {
  readonly text: string
  readonly muted: string
  readonly border: string
  readonly surface: string
  readonly accent: string
  readonly danger: string
  readonly ok: string
  /** Distinct line colours (no blue: the contour ramp is blue). */
  readonly series: readonly string[]
  readonly dark: boolean
}

/** Six line colours that read on both themes' backgrounds and on the (blue) contour ramp. */
export function seriesPalette(dark: boolean): readonly string[] {
  return dark
    ? ['#ff7a70', '#ffb347', '#c99bf0', '#5fd68a', '#ff86b8', '#d7b89c']
    : ['#c62828', '#e07b00', '#7b3fa8', '#1b8a5a', '#c2185b', '#5d4037']
}

/** Reads the theme's colours as they apply to element. */
export function readPlotTheme(element: Element): PlotTheme {
  const style = getComputedStyle(element)
  const read = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback
  const dark = document.documentElement.dataset.theme === 'dark'
  return {
    text: read('--text', '#1c2128'),
    muted: read('--text-muted', '#57606a'),
    border: read('--border', '#d9dde3'),
    surface: read('--surface', '#ffffff'),
    accent: read('--accent', '#2f5fd0'),
    danger: read('--danger', '#b42318'),
    ok: read('--ok', '#1a7f37'),
    series: seriesPalette(dark),
    dark
  }
}

/** #rgb or #rrggbb (what theme.css uses) to [r, g, b]; anything else gives mid grey. */
export function parseHex(color: string): Rgb {
  const hex = color.trim().replace(/^#/, '')
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex
  if (!/^[0-9a-f]{6}$/i.test(full)) return [128, 128, 128]
  const n = parseInt(full, 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

/** (1 − t)·a + t·b per channel. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]
}
