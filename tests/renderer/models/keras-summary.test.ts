import { expect, test } from 'vitest'
import { kerasSummary } from '../../../src/renderer/models/keras-summary'

const dense = (units: number, activation: string) => ({
  class_name: 'Dense',
  config: { units, activation }
})

test('the architecture as Keras prints it: output shapes and parameters per layer', () => {
  const text = kerasSummary({
    class_name: 'Sequential',
    config: {
      name: 'digits',
      layers: [
        { class_name: 'InputLayer', config: { batch_shape: [null, 784] } },
        dense(32, 'relu'),
        dense(10, 'softmax')
      ]
    }
  })!
  // 784·32 + 32 = 25,120 and 32·10 + 10 = 330; 25,450 in all.
  expect(text).toMatch(/dense \(Dense\)\s+│ \(None, 32\)\s+│\s+25,120 │/)
  expect(text).toMatch(/\(None, 10\)\s+│\s+330 │/)
  expect(text).toMatch(/Total params: 25,450/)
})

test('without an input shape there is nothing to count', () => {
  expect(
    kerasSummary({ class_name: 'Sequential', config: { name: 'm', layers: [dense(3, 'relu')] } })
  ).toBeNull()
})
