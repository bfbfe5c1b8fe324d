/** Grey-scale images (0 = no ink, 255 = full ink) as RGBA pixels in the theme's colours. */
import type { Rgb } from '../components/charts/colors'
import { decodeBase64 } from '../../engine/formats/base64'

/** The grey levels the API sends as base64. */
export function greyLevels(base64: string): Uint8Array {
  return decodeBase64(base64, 'pixels')
}

/** Each grey level g mixes paper into ink by g / 255: digits read as ink on paper in both themes. */
export function inkOnPaper(grey: ArrayLike<number>, ink: Rgb, paper: Rgb): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(grey.length * 4)
  for (let i = 0; i < grey.length; i++) {
    const t = Math.min(255, Math.max(0, grey[i])) / 255
    for (let c = 0; c < 3; c++) rgba[4 * i + c] = paper[c] + t * (ink[c] - paper[c])
    rgba[4 * i + 3] = 255
  }
  return rgba
}
