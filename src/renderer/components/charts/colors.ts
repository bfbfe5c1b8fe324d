/** Colours as the canvas needs them, read from the theme's CSS custom properties. */
export type Rgb = readonly [number, number, number]

/** A CSS colour as computed styles give it: #rgb, #rrggbb or rgb(r, g, b) / rgb(r g b). */
export function parseColor(text: string): Rgb {
  const css = text.trim()
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(css)
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d) : hex[1].match(/../g)!
    const [r, g, b] = digits.map((d) => parseInt(d, 16))
    return [r, g, b]
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(css)
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])]
  throw new Error(`not a colour: "${text}"`)
}

export function rgba(c: Rgb, alpha = 1): string {
  return `rgb(${c[0]} ${c[1]} ${c[2]} / ${alpha})`
}

/** Where a custom property is not set (no theme style sheet loaded): mid grey. */
const UNSET: Rgb = [128, 128, 128]

/** The colour a custom property (e.g. --series-1) resolves to where `el` sits. */
export function themeColor(el: Element, property: string): Rgb {
  const value = getComputedStyle(el).getPropertyValue(property).trim()
  return value === '' ? UNSET : parseColor(value)
}

/** The palette's slots, --series-1 … --series-6 (palette.css), in order. */
export const SERIES_SLOTS = 6

/** Slot 1, 2, … of the palette, wrapping around after the last. */
export function seriesColor(el: Element, slot: number): Rgb {
  return themeColor(el, `--series-${((slot - 1) % SERIES_SLOTS) + 1}`)
}

/** Calls `changed` whenever the theme (<html data-theme>) switches; returns the unsubscribe. */
export function onThemeChange(changed: () => void): () => void {
  const observer = new MutationObserver(changed)
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
  return () => observer.disconnect()
}
