import { describe, expect, it } from 'vitest'
import { Dense, Dropout, Activation } from '../../../src/engine/layers/index'
import { readableBytes, Sequential } from '../../../src/engine/model/index'

/** Keras's first MNIST network: 784 → 512 → 128 → 10. */
function mnistNet(options: { useBias?: boolean; dropout?: boolean } = {}): Sequential {
  const model = new Sequential({ inputShape: [784], seed: 1 })
  model.add(new Dense({ units: 512, activation: 'relu', useBias: options.useBias }))
  if (options.dropout) model.add(new Dropout({ rate: 0.2 }))
  model.add(new Dense({ units: 128, activation: 'relu', useBias: options.useBias }))
  model.add(new Dense({ units: 10, activation: 'softmax', useBias: options.useBias }))
  return model
}

/** Parameters of a Dense layer by its formula: in·out weights plus out biases. */
const denseParams = (inputs: number, units: number, bias = true) =>
  inputs * units + (bias ? units : 0)

describe('Sequential summary and parameter counts', () => {
  it('counts 468,874 parameters for 784-512-128-10 and prints the Keras 3 table', () => {
    const model = mnistNet()
    const expected = denseParams(784, 512) + denseParams(512, 128) + denseParams(128, 10)
    expect(expected).toBe(468874)
    expect(model.countParams()).toBe(expected)

    const text = model.summary()
    const lines = text.split('\n')
    expect(lines[0]).toBe('Model: "sequential"')
    expect(lines[1]).toMatch(/^┏━+┳━+┳━+┓$/)
    expect(lines[2]).toMatch(/^┃ Layer \(type\) +┃ Output Shape +┃ +Param # ┃$/)
    expect(lines[3]).toMatch(/^┡━+╇━+╇━+┩$/)
    expect(lines[4]).toMatch(/^│ dense \(Dense\) +│ \(None, 512\) +│ +401,920 │$/)
    expect(lines[5]).toMatch(/^├─+┼─+┼─+┤$/)
    expect(lines[6]).toMatch(/^│ dense_1 \(Dense\) +│ \(None, 128\) +│ +65,664 │$/)
    expect(lines[8]).toMatch(/^│ dense_2 \(Dense\) +│ \(None, 10\) +│ +1,290 │$/)
    expect(lines[9]).toMatch(/^└─+┴─+┴─+┘$/)
    // 468874 float32 = 1,875,496 bytes = 1.79 MiB, as Keras prints "MB".
    expect(lines.slice(10)).toEqual([
      ' Total params: 468,874 (1.79 MB)',
      ' Trainable params: 468,874 (1.79 MB)',
      ' Non-trainable params: 0 (0.00 B)'
    ])
    const boxWidths = new Set(lines.slice(1, 10).map((l) => [...l].length))
    expect(boxWidths.size).toBe(1)
  })

  it('leaves the biases out with use_bias false', () => {
    const model = mnistNet({ useBias: false })
    const expected =
      denseParams(784, 512, false) + denseParams(512, 128, false) + denseParams(128, 10, false)
    expect(model.countParams()).toBe(expected)
    expect(model.summary()).toContain(' Total params: 468,224 (1.79 MB)')
    expect(model.getWeights().map((w) => w.length)).toEqual([784 * 512, 512 * 128, 128 * 10])
  })

  it('shows Dropout as a parameter-free layer with its input shape', () => {
    const model = mnistNet({ dropout: true })
    expect(model.countParams()).toBe(468874)
    const text = model.summary()
    expect(text).toMatch(/│ dropout \(Dropout\) +│ \(None, 512\) +│ +0 │/)
    expect(text).toMatch(/│ dense_1 \(Dense\) +│ \(None, 128\) +│ +65,664 │/)
  })

  it('marks layers of a model without an input shape as unbuilt', () => {
    const model = new Sequential()
    model.add(new Dense({ units: 4 }))
    expect(model.summary()).toMatch(/│ dense \(Dense\) +│ \? +│ +0 \(unbuilt\) │/)
    expect(model.summary()).toContain(' Total params: 0 (0.00 B)')
  })

  it('formats memory as Keras does', () => {
    expect(readableBytes(0)).toBe('0.00 B')
    expect(readableBytes(1023)).toBe('1023.00 B')
    expect(readableBytes(1024)).toBe('1.00 KB')
    expect(readableBytes(1875496)).toBe('1.79 MB')
  })

  it('takes the input shape from the first layer and names layers uniquely', () => {
    const model = new Sequential()
    model.add(new Dense({ units: 3, inputShape: [5] }))
    model.add(new Activation({ activation: 'tanh' }))
    model.add(new Dense({ units: 2, name: 'head' }))
    model.add(new Dense({ units: 2 }))
    expect(model.layers.map((l) => l.name)).toEqual(['dense', 'activation', 'head', 'dense_1'])
    expect(model.weights).toEqual([])
    model.build()
    expect(model.weights.map((w) => w.name)).toEqual([
      'dense/kernel',
      'dense/bias',
      'head/kernel',
      'head/bias',
      'dense_1/kernel',
      'dense_1/bias'
    ])
    expect(() => model.add(new Dense({ units: 1, name: 'head' }))).toThrow(
      /already has a layer named "head"/
    )
  })

  it('explains a layer whose input does not fit', () => {
    const model = new Sequential({ inputShape: [8] })
    model.add(new Dense({ units: 4 }))
    model.add(new Dense({ units: 2, inputShape: [6] }))
    expect(() => model.build()).toThrow(
      /dense_1 expects input \(None, 6\) but receives \(None, 4\)/
    )

    const images = new Sequential({ inputShape: [28, 28] })
    images.add(new Dense({ units: 4 }))
    expect(() => images.build()).toThrow(/Dense takes flat samples.*\(None, 28, 28\)/)

    expect(() => new Sequential().build()).toThrow(/input shape/)
  })
})

describe('weights and architecture config', () => {
  it('gets and sets weights in Keras order (kernel [in, out] then bias per Dense)', () => {
    const model = new Sequential({ inputShape: [3], seed: 5 })
    model.add(new Dense({ units: 2 }))
    model.add(new Dense({ units: 1 }))
    const weights = model.getWeights()
    expect(weights.map((w) => w.length)).toEqual([6, 2, 2, 1])
    // Biases start at zero; kernels are glorot_uniform within ±√(6/(in+out)).
    expect([...weights[1]]).toEqual([0, 0])
    expect(Math.max(...weights[0].map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 5))
    const replaced = weights.map((w) => w.map((_, i) => i + 0.5))
    model.setWeights(replaced)
    expect(model.getWeights()).toEqual(replaced)
    // getWeights hands out copies.
    model.getWeights()[0][0] = 99
    expect(model.getWeights()[0][0]).toBe(0.5)
    expect(() => model.setWeights(replaced.slice(1))).toThrow(/4 weight arrays, got 3/)
    expect(() => model.setWeights([new Float32Array(5), ...replaced.slice(1)])).toThrow(
      /dense\/kernel holds 6 values, got 5/
    )
  })

  it('round-trips the architecture through JSON; the same seed gives the same initial weights', () => {
    const model = new Sequential({ inputShape: [4], seed: 11, name: 'net' })
    model.add(
      new Dense({
        units: 3,
        activation: 'gelu',
        kernelInitializer: 'he_normal',
        biasInitializer: { class_name: 'Constant', config: { value: 0.1 } },
        kernelRegularizer: { l2: 0.01 }
      })
    )
    model.add(new Dropout({ rate: 0.25 }))
    model.add(new Dense({ units: 2, activation: 'softmax', useBias: false }))
    const spec = JSON.parse(JSON.stringify(model.toConfig()))
    expect(spec.config.layers[0]).toEqual({
      class_name: 'InputLayer',
      config: { batch_shape: [null, 4], dtype: 'float32', name: 'input_layer' }
    })
    expect(spec.config.layers[1].config).toMatchObject({
      name: 'dense',
      units: 3,
      activation: 'gelu',
      use_bias: true,
      kernel_initializer: { class_name: 'HeNormal' },
      kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.01 } }
    })
    const copy = Sequential.fromConfig(spec, { seed: 11 })
    expect(copy.toConfig()).toEqual(model.toConfig())
    expect(copy.getWeights()).toEqual(model.getWeights())
    expect(Sequential.fromConfig(spec, { seed: 12 }).getWeights()).not.toEqual(model.getWeights())
  })

  it('reads Keras-style layer configs and rejects unknown or malformed ones', () => {
    const keras = {
      class_name: 'Sequential' as const,
      config: {
        name: 'from_keras',
        layers: [
          {
            class_name: 'Dense',
            config: {
              units: 8,
              activation: 'relu',
              batch_input_shape: [null, 3],
              kernel_regularizer: { class_name: 'L2', config: { l2: 0.001 } }
            }
          },
          { class_name: 'Dense', config: { units: 1, activation: null } }
        ]
      }
    }
    const model = Sequential.fromConfig(keras)
    expect(model.countParams()).toBe(denseParams(3, 8) + denseParams(8, 1))
    expect(model.toConfig().config.layers[2].config.activation).toBe('linear')
    const bad = (layer: object) => () =>
      Sequential.fromConfig({
        class_name: 'Sequential',
        config: { name: 'x', layers: [layer as never] }
      })
    expect(bad({ class_name: 'Conv2D', config: {} })).toThrow(/unknown layer class "Conv2D"/)
    expect(bad({ class_name: 'Dense', config: { units: -1 } })).toThrow(
      /units must be a positive integer/
    )
    expect(bad({ class_name: 'Dense', config: { units: 2, activation: 'swishy' } })).toThrow(
      /unknown activation "swishy"/
    )
    expect(bad({ class_name: 'Dropout', config: { rate: 1.5 } })).toThrow(
      /rate must be in \[0, 1\)/
    )
    expect(() => Sequential.fromConfig({} as never)).toThrow(/Sequential/)
  })
})
