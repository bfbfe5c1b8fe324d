import { expect, test } from 'vitest'
import { confusionCells } from '../../../src/renderer/models/confusion'

test('each cell is its share of its row (the samples of that true class)', () => {
  const cells = confusionCells([
    [8, 2],
    [0, 0]
  ])
  expect(cells).toEqual([
    [
      { count: 8, share: 0.8 },
      { count: 2, share: 0.2 }
    ],
    [
      { count: 0, share: 0 },
      { count: 0, share: 0 }
    ]
  ])
})
