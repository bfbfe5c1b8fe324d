import { describe, expect, it } from 'vitest'
import {
  describeDataset,
  loadTfjsLayers,
  saveTfjsLayers,
  type DescentModelMetadata
} from '../../../src/engine/formats/index'
import { Activation, Dense, Dropout } from '../../../src/engine/layers/index'
import { Sequential } from '../../../src/engine/model/index'
import { denseNet, randomClasses, randomRows, sameBits } from './helpers'

const DATA = randomClasses(64, 8, 4)

/** 8-16-4 with dropout, compiled with `optimizer` and trained two epochs. */
async function trained(optimizer: string | { name: string; [key: string]: unknown }) {
  const model = new Sequential({ name: 'small', inputShape: [8], seed: 21 })
  model.add(new Dense({ units: 16, activation: 'relu', kernelRegularizer: { l2: 0.001 } }))
  model.add(new Dropout({ rate: 0.25 }))
  model.add(new Dense({ units: 4, activation: 'softmax' }))
  model.compile({ optimizer, loss: 'categorical_crossentropy', metrics: ['accuracy'] })
  const history = await model.fit(DATA, { epochs: 2, batchSize: 16, seed: 4 })
  return { model, history }
}

function everyWeightSameBits(a: Sequential, b: Sequential): boolean {
  const wa = a.getWeights()
  const wb = b.getWeights()
  return wa.length === wb.length && wa.every((w, i) => sameBits(w, wb[i]))
}

describe('Descent → TF.js Layers files → Descent', () => {
  it('keeps weights bit for bit, the config, the predictions and every piece of metadata', async () => {
    const { model, history } = await trained({
      name: 'rmsprop',
      learning_rate: 0.01,
      momentum: 0.5
    })
    history.history.loss.push(NaN) // a diverged epoch: JSON has no NaN, the file must still keep it
    history.epoch.push(2)
    const metadata: Partial<DescentModelMetadata> = {
      createdAt: '2025-01-02T03:04:05.000Z',
      dataset: describeDataset(DATA),
      history,
      sourceRun: { id: 'run-17', name: 'rmsprop lr 0.01' }
    }
    const saved = saveTfjsLayers(model, metadata)
    const loaded = loadTfjsLayers(saved.modelJson, { [saved.weightsFileName]: saved.weights })

    expect(everyWeightSameBits(loaded.model, model)).toBe(true)
    expect(loaded.model.toConfig()).toEqual(model.toConfig())
    const rows = randomRows(10, 8)
    expect(sameBits(loaded.model.predict(rows), model.predict(rows))).toBe(true)

    const meta = loaded.metadata!
    expect(meta.createdAt).toBe(metadata.createdAt)
    expect(meta.dataset).toEqual(describeDataset(DATA))
    expect(meta.sourceRun).toEqual(metadata.sourceRun)
    expect(meta.history).toEqual(history)
    expect(Number.isNaN(meta.history!.history.loss.at(-1))).toBe(true)
    expect(meta.compile).toEqual(model.compileConfig)
    expect(meta.spec).toEqual(model.toConfig())

    const before = model.optimizer.getState()
    const after = loaded.model.optimizer.getState()
    expect(after.iterations).toBe(before.iterations)
    expect(Object.keys(after.slots).sort()).toEqual(['momentum', 'velocity'])
    for (const [name, arrays] of Object.entries(before.slots)) {
      expect(arrays.every((a, i) => sameBits(a, after.slots[name][i]))).toBe(true)
    }
    expect(loaded.notes).toEqual([])
  })

  it('restores the optimizer so that training continues exactly as it would have', async () => {
    for (const optimizer of ['adam', 'nadam', 'sgd']) {
      const { model } = await trained(optimizer)
      const saved = saveTfjsLayers(model)
      const { model: copy } = loadTfjsLayers(saved.modelJson, [saved.weights])
      await model.fit(DATA, { epochs: 1, batchSize: 16, seed: 8 })
      await copy.fit(DATA, { epochs: 1, batchSize: 16, seed: 8 })
      expect(everyWeightSameBits(copy, model), optimizer).toBe(true)
    }
  })

  it('keeps what the TF.js topology cannot say: leaky_relu in a Dense, Keras initializer names', () => {
    const model = new Sequential({ name: 'odd', inputShape: [5], seed: 2 })
    model.add(
      new Dense({
        units: 6,
        activation: 'leaky_relu',
        kernelInitializer: 'he_normal',
        biasInitializer: { class_name: 'RandomUniform', config: { minval: -0.1, maxval: 0.1 } }
      })
    )
    model.add(new Activation({ activation: 'gelu' }))
    model.add(
      new Dense({
        units: 3,
        useBias: false,
        kernelInitializer: {
          class_name: 'VarianceScaling',
          config: { scale: 0.5, mode: 'fan_out', distribution: 'untruncated_normal' }
        }
      })
    )
    const saved = saveTfjsLayers(model)
    expect(saved.notes).toEqual([
      'dense_1: TF.js has no untruncated normal variance scaling: written as its truncated normal with the same variance'
    ])
    const loaded = loadTfjsLayers(JSON.parse(saved.modelJson), [saved.weights])
    expect(loaded.model.toConfig()).toEqual(model.toConfig())
    expect(loaded.metadata!.compile).toBeNull()
    expect(loaded.metadata!.optimizerState).toBeNull()
    const rows = randomRows(6, 5)
    expect(sameBits(loaded.model.predict(rows), model.predict(rows))).toBe(true)
  })

  it('falls back on the topology, with a note, when the file was edited after Descent saved it', () => {
    const model = denseNet([4, 3, 2], ['relu', 'softmax'])
    const saved = saveTfjsLayers(model)
    const json = JSON.parse(saved.modelJson)
    json.modelTopology.config.layers[1].config.activation = 'sigmoid'
    const loaded = loadTfjsLayers(json, [saved.weights])
    expect(loaded.model.layers.map((l) => (l as Dense).activation)).toEqual(['relu', 'sigmoid'])
    expect(loaded.notes).toContain(
      "Descent's architecture in the metadata does not match the TF.js topology (the file was changed after Descent saved it): the model is built from the topology"
    )
  })

  it('saves a compiled model that has not trained yet, and one never compiled', () => {
    const fresh = denseNet([3, 2], ['softmax'])
    fresh.compile({
      optimizer: { name: 'adam', learning_rate: 0.02 },
      loss: 'categorical_crossentropy'
    })
    const a = saveTfjsLayers(fresh)
    const loadedA = loadTfjsLayers(a.modelJson, [a.weights])
    expect(loadedA.model.compileConfig).toEqual(fresh.compileConfig)
    expect(loadedA.model.optimizer.getState().iterations).toBe(0)

    const bare = denseNet([3, 2], ['softmax'])
    const b = saveTfjsLayers(bare)
    const loadedB = loadTfjsLayers(b.modelJson, [b.weights])
    expect(() => loadedB.model.compileConfig).toThrow(/compile the model first/)
    expect(everyWeightSameBits(loadedB.model, bare)).toBe(true)
  })

  it('refuses to save a model whose input shape is unknown', () => {
    const model = new Sequential({ layers: [new Dense({ units: 2 })] })
    expect(() => saveTfjsLayers(model)).toThrow(/does not know its input shape/)
  })
})
