import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  centreOfMass,
  greyFromRgba,
  inkBounds,
  mnistInput,
  resizeArea,
  type GreyImage
} from '../../../src/renderer/models/mnist-preprocess'

/** A width × height image, blank but for value v on [x0, x1) × [y0, y1). */
function rectangle(
  width: number,
  height: number,
  [x0, y0, x1, y1]: [number, number, number, number],
  v = 255
): GreyImage {
  const data = new Float32Array(width * height)
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = v
  return { width, height, data }
}

const whole = (image: GreyImage) => ({
  left: 0,
  top: 0,
  right: image.width,
  bottom: image.height
})

describe('resizeArea', () => {
  test('a cell holds the mean of the source area it covers', () => {
    // Three pixels into two cells of 1.5 pixels: (1·1 + 0·0.5) / 1.5 = 2/3.
    const row = { width: 3, height: 1, data: [1, 0, 0] }
    expect([...resizeArea(row, whole(row), 2, 1)].map((v) => v.toFixed(6))).toEqual([
      (2 / 3).toFixed(6),
      '0.000000'
    ])
    // Two pixels into three cells of 2/3: the middle cell is half on each.
    const two = { width: 2, height: 1, data: [1, 0] }
    expect([...resizeArea(two, whole(two), 3, 1)]).toEqual([1, 0.5, 0])
  })

  test('keeps the total ink, in proportion to the cell area', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 255 })),
        (w, h, tw, th, values) => {
          const data = Float64Array.from({ length: w * h }, () => values.next().value)
          const image = { width: w, height: h, data }
          const out = resizeArea(image, whole(image), tw, th)
          const inkIn = data.reduce((a, b) => a + b, 0)
          const inkOut = out.reduce((a, b) => a + b, 0) * (w / tw) * (h / th)
          expect(inkOut).toBeCloseTo(inkIn, 1)
        }
      )
    )
  })
})

describe('mnistInput', () => {
  test('a blank drawing has no input', () => {
    expect(mnistInput(rectangle(280, 280, [0, 0, 0, 0]))).toBeNull()
  })

  test('a 100 × 50 bar becomes a 20 × 10 bar centred in the 28 × 28 field', () => {
    const out = mnistInput(rectangle(280, 280, [30, 40, 130, 90]))!
    // Its centre of mass (9.5, 4.5) in the 20 × 10 box moves to (13.5, 13.5): shift (4, 9).
    const expected = rectangle(28, 28, [4, 9, 24, 19], 1).data
    expect([...out]).toEqual(Array.from(expected))
  })

  test('keeps the aspect ratio: the longer side is 20 pixels', () => {
    const out = mnistInput(rectangle(280, 280, [100, 20, 112, 140]))!
    const bounds = inkBounds({ width: 28, height: 28, data: out })!
    expect(bounds.bottom - bounds.top).toBe(20)
    // 12 × 120 scaled by 20/120: 2 × 20.
    expect(bounds.right - bounds.left).toBe(2)
  })

  test('where and how large the digit was drawn does not matter', () => {
    const small = rectangle(280, 280, [0, 0, 0, 0])
    const large = rectangle(560, 560, [0, 0, 0, 0])
    // An L: a stem and a foot, drawn once at (50, 60) and once twice as large at (300, 10).
    for (const [x0, y0, x1, y1] of [
      [0, 0, 10, 80],
      [0, 70, 50, 80]
    ]) {
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          ;(small.data as Float32Array)[(60 + y) * 280 + 50 + x] = 200
          for (let d = 0; d < 4; d++) {
            const [dx, dy] = [d % 2, d >> 1]
            ;(large.data as Float32Array)[(10 + 2 * y + dy) * 560 + 300 + 2 * x + dx] = 90
          }
        }
      }
    }
    const a = mnistInput(small)!
    const b = mnistInput(large)!
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 5)
  })

  test('any stroke ends with values in [0, 1], ink at 1, mass at the centre', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 3, max: 40 }),
        fc.integer({ min: 3, max: 40 }),
        fc.infiniteStream(fc.double({ min: 0.2, max: 1, noNaN: true })),
        (x0, y0, w, h, values) => {
          const image = rectangle(100, 100, [0, 0, 0, 0])
          for (let y = y0; y < y0 + h; y++) {
            for (let x = x0; x < x0 + w; x++) {
              ;(image.data as Float32Array)[y * 100 + x] = values.next().value
            }
          }
          const out = mnistInput(image)!
          expect(Math.min(...out)).toBeGreaterThanOrEqual(0)
          expect(Math.max(...out)).toBeCloseTo(1, 6)
          // Whole-pixel shifts: the centre of mass lands within half a pixel of 13.5.
          const centre = centreOfMass(out, 28)
          expect(Math.abs(centre.x - 13.5)).toBeLessThanOrEqual(0.5 + 1e-6)
          expect(Math.abs(centre.y - 13.5)).toBeLessThanOrEqual(0.5 + 1e-6)
        }
      ),
      { numRuns: 60 }
    )
  })
})

test('greyFromRgba reads the red channel', () => {
  const rgba = [10, 0, 0, 255, 200, 1, 2, 255]
  expect(Array.from(greyFromRgba(rgba, 2, 1).data)).toEqual([10, 200])
})
