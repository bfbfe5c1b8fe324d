import { expect, test } from 'vitest'
import { greyLevels, inkOnPaper } from '../../../src/renderer/data/pixels'
import { base64Of } from '../support/base64'

test('grey level g mixes paper toward ink by g / 255, opaque', () => {
  const rgba = inkOnPaper([0, 255, 51], [0, 0, 0], [255, 255, 255])
  // 51/255 = 0.2 of the way from white to black: 255 − 0.2·255 = 204.
  expect(Array.from(rgba)).toEqual([255, 255, 255, 255, 0, 0, 0, 255, 204, 204, 204, 255])
})

test('the API’s base64 pixels decode to grey levels', () => {
  expect(Array.from(greyLevels(base64Of([0, 128, 255])))).toEqual([0, 128, 255])
})
