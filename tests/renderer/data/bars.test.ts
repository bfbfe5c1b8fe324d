import { expect, test } from 'vitest'
import { argmax, className, countBars, shareBars } from '../../../src/renderer/data/bars'

test('class counts with their share of all samples', () => {
  expect(countBars([1500, 500], ['cat', 'dog'])).toEqual([
    { label: 'cat', value: 1500, text: '1,500 (75.0%)' },
    { label: 'dog', value: 500, text: '500 (25.0%)' }
  ])
})

test('shares as percentages; a class without samples has none', () => {
  expect(shareBars([0.5, null], null)).toEqual([
    { label: '0', value: 0.5, text: '50.0%' },
    { label: '1', value: 0, text: '—' }
  ])
})

test('class names fall back to the index; argmax finds the first largest', () => {
  expect(className(['a'], 3)).toBe('3')
  expect(argmax([0.1, 0.7, 0.2, 0.7])).toBe(1)
  expect(argmax([])).toBe(-1)
})
