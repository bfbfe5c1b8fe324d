import { expect, test } from 'vitest'
import { historyCharts } from '../../../src/renderer/models/history-series'

test('one chart per metric, its validation twin dashed, epochs from 1', () => {
  const charts = historyCharts({
    epoch: [0, 1, 2],
    history: {
      loss: [0.9, 0.5, 0.3],
      accuracy: [0.7, 0.85, 0.9],
      val_loss: [0.8, 0.6, 0.5],
      learning_rate: [0.001, 0.001, 0.001]
    }
  })
  expect(charts.map((c) => c.key)).toEqual(['loss', 'accuracy'])
  expect(charts[0].series).toEqual([
    { label: 'training', color: 1, x: [1, 2, 3], y: [0.9, 0.5, 0.3] },
    { label: 'validation', color: 2, dashed: true, x: [1, 2, 3], y: [0.8, 0.6, 0.5] }
  ])
  expect(charts[1].series).toHaveLength(1)
})

test('a model without history has no charts', () => {
  expect(historyCharts({ epoch: [], history: {} })).toEqual([])
})
