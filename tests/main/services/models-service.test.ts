import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type {
  ModelDetail,
  ModelEvaluation,
  ModelExport,
  ModelImport,
  ModelPrediction,
  ModelSummary
} from '../../../src/contract'
import type { Dataset } from '../../../src/engine/data/dataset'
import type { Sequential } from '../../../src/engine/model/sequential'
import { createDispatch, createHandlers } from '../../../src/main/api/handlers'
import type { AppContext } from '../../../src/main/context'
import { mnistDataFolder } from '../../../src/main/datasets/mnist-files'
import { ModelsRepo } from '../../../src/main/store/models-repo'
import { rejection, tempContext } from '../test-context'
import { spiralSpec, trainedRun } from './models-fixture'

let cleanup = (): void => {}
afterEach(() => cleanup())

function setup() {
  const t = tempContext()
  cleanup = t.cleanup
  const events: { event: string; payload: unknown }[] = []
  t.ctx.events.subscribe((event, payload) => events.push({ event, payload }))
  return { ctx: t.ctx, dispatch: createDispatch(createHandlers(t.ctx)), events }
}

const modelCount = (ctx: AppContext): number =>
  (ctx.db.prepare('SELECT count(*) AS n FROM models').get() as { n: number }).n

/** Rows of features of the first n samples. */
function rows(data: Dataset, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(data.sampleFeatures(i)))
}

/** Class scores of a data set under a model, one row per sample, in float64. */
function scores(model: Sequential, data: Dataset): number[][] {
  const out = model.predict(data)
  const width = out.length / data.count
  return Array.from({ length: data.count }, (_, i) =>
    Array.from(out.subarray(i * width, (i + 1) * width))
  )
}

const argmax = (row: number[]): number => row.indexOf(Math.max(...row))

describe('models.saveFromRun, list, get, rename, delete', () => {
  it("keeps a run's final weights with their optimizer state, history and metrics", async () => {
    const { ctx, dispatch, events } = setup()
    const run = await trainedRun(ctx)
    const saved = (await dispatch('models.saveFromRun', { runId: run.runId })) as ModelSummary
    const lastOf = (key: string) => run.history.history[key].at(-1)
    expect(saved).toMatchObject({
      name: 'spiral run (final, epoch 3)',
      dataset: 'spiral',
      task: 'multiclass',
      inputShape: [2],
      layers: '2 → 16 relu → 3 softmax',
      // 2·16 + 16 weights and biases, then 16·3 + 3.
      params: 2 * 16 + 16 + 16 * 3 + 3,
      optimizer: 'adam',
      epochs: 3,
      metrics: { loss: lastOf('loss'), accuracy: lastOf('accuracy') },
      hasOptimizerState: true,
      sourceRunId: run.runId,
      sourceEpoch: 3
    })
    expect(events).toEqual([
      { event: 'models.changed', payload: { id: saved.id, change: 'saved' } }
    ])
    const stored = new ModelsRepo(ctx.db).get(saved.id)!
    expect(stored.weights).toEqual(run.model.getWeights())
    expect(stored.optimizerState).toEqual(run.model.optimizer.getState())
    expect(stored.history).toEqual(run.history)

    const detail = (await dispatch('models.get', { id: saved.id })) as ModelDetail
    expect(detail.training).toEqual(spiralSpec)
    expect(detail.history).toEqual(run.history)
    expect(detail.compile).toMatchObject({
      loss: 'categorical_crossentropy',
      metrics: ['accuracy'],
      optimizer: { name: 'adam', learning_rate: 0.02 }
    })
    expect(detail.datasetInfo).toMatchObject({
      name: 'spiral',
      task: 'multiclass',
      count: 300,
      numClasses: 3
    })
    expect(detail.architecture.class_name).toBe('Sequential')
  })

  it("keeps a run's best checkpoint when asked, under the name given", async () => {
    const { ctx, dispatch } = setup()
    const run = await trainedRun(ctx)
    const saved = (await dispatch('models.saveFromRun', {
      runId: run.runId,
      which: 'best',
      name: 'early'
    })) as ModelSummary
    expect([saved.name, saved.sourceEpoch, saved.epochs]).toEqual(['early', 1, 1])
    expect(new ModelsRepo(ctx.db).get(saved.id)!.weights).toEqual(run.best.weights)
  })

  it('refuses a run that does not exist or has no checkpoint of the kind asked for', async () => {
    const { ctx, dispatch } = setup()
    expect((await rejection(dispatch('models.saveFromRun', { runId: 99 }))).code).toBe('NOT_FOUND')
    const run = await trainedRun(ctx)
    ctx.db.prepare(`DELETE FROM checkpoints WHERE kind = 'best'`).run()
    const err = await rejection(dispatch('models.saveFromRun', { runId: run.runId, which: 'best' }))
    expect(err.code).toBe('CONFLICT')
    expect(modelCount(ctx)).toBe(0)
  })

  it('lists, renames and deletes models', async () => {
    const { ctx, dispatch, events } = setup()
    const run = await trainedRun(ctx)
    const a = (await dispatch('models.saveFromRun', {
      runId: run.runId,
      name: 'a'
    })) as ModelSummary
    const b = (await dispatch('models.saveFromRun', {
      runId: run.runId,
      which: 'best',
      name: 'b'
    })) as ModelSummary
    expect(((await dispatch('models.list', {})) as ModelSummary[]).map((m) => m.name)).toEqual([
      'a',
      'b'
    ])
    expect(await dispatch('models.rename', { id: a.id, name: '  digits v2 ' })).toMatchObject({
      id: a.id,
      name: 'digits v2'
    })
    expect(await dispatch('models.delete', { id: b.id })).toEqual({ id: b.id, deleted: true })
    expect(((await dispatch('models.list', {})) as ModelSummary[]).map((m) => m.name)).toEqual([
      'digits v2'
    ])
    expect(events.slice(2).map((e) => e.payload)).toEqual([
      { id: a.id, change: 'renamed' },
      { id: b.id, change: 'deleted' }
    ])
    for (const call of [
      'models.get',
      'models.delete',
      'models.evaluate',
      'models.export'
    ] as const) {
      expect((await rejection(dispatch(call, { id: b.id }))).code).toBe('NOT_FOUND')
    }
    expect((await rejection(dispatch('models.rename', { id: b.id, name: 'x' }))).code).toBe(
      'NOT_FOUND'
    )
  })
})

describe('models.evaluate and models.predict', () => {
  it("evaluates on the run's test split: loss, accuracy, confusion matrix and worst mistakes agree with predict", async () => {
    const { ctx, dispatch } = setup()
    const run = await trainedRun(ctx)
    const { id } = (await dispatch('models.saveFromRun', { runId: run.runId })) as ModelSummary
    const report = (await dispatch('models.evaluate', { id })) as ModelEvaluation
    const test = run.data.test!
    const probs = scores(run.model, test)
    const labels = Array.from({ length: test.count }, (_, i) => test.labelOf(i))
    const predicted = probs.map(argmax)
    // Independent float64 recomputation from the model's outputs.
    const crossEntropy =
      -labels.reduce(
        (s, y, i) => s + Math.log(Math.min(Math.max(probs[i][y], 1e-7), 1 - 1e-7)),
        0
      ) / test.count
    const accuracy = predicted.filter((p, i) => p === labels[i]).length / test.count
    const confusion = [0, 1, 2].map((t) =>
      [0, 1, 2].map((p) => labels.filter((y, i) => y === t && predicted[i] === p).length)
    )
    expect(report).toMatchObject({
      modelId: id,
      dataset: 'spiral',
      split: 'test',
      count: 75,
      task: 'multiclass',
      imageShape: null
    })
    expect(report.loss).toBeCloseTo(crossEntropy, 5)
    expect(report.metrics.accuracy).toBeCloseTo(accuracy, 6)
    expect(report.confusion).toEqual(confusion)
    expect(report.classCounts).toEqual(test.classCounts())
    expect(report.confusion!.map((r) => r.reduce((a, b) => a + b, 0))).toEqual(test.classCounts())
    expect(report.perClassAccuracy).toEqual(
      confusion.map((r, k) => r[k] / r.reduce((a, b) => a + b, 0))
    )
    const wrongIndices = labels.flatMap((y, i) => (predicted[i] !== y ? [i] : []))
    expect(wrongIndices.length).toBeGreaterThan(0)
    expect(report.wrong).toHaveLength(Math.min(24, wrongIndices.length))
    for (const w of report.wrong) {
      expect(w.label).toBe(labels[w.index])
      expect(w.predicted).toBe(predicted[w.index])
      expect(w.predicted).not.toBe(w.label)
      expect(w.confidence).toBeCloseTo(Math.max(...probs[w.index]), 6)
      expect(w.features).toEqual(Array.from(test.sampleFeatures(w.index)))
    }
    const confidences = report.wrong.map((w) => w.confidence)
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a))
  })

  it('evaluates on another split, a limit, and refuses a data set that does not fit the model', async () => {
    const { ctx, dispatch } = setup()
    const run = await trainedRun(ctx)
    const { id } = (await dispatch('models.saveFromRun', { runId: run.runId })) as ModelSummary
    const train = (await dispatch('models.evaluate', {
      id,
      split: 'train',
      limit: 50,
      wrong: 0
    })) as ModelEvaluation
    expect([train.split, train.count, train.wrong]).toEqual(['train', 50, []])
    const blobs = (await dispatch('models.evaluate', { id, dataset: 'blobs' })) as ModelEvaluation
    expect([blobs.dataset, blobs.count]).toEqual(['blobs', 250])
    expect((await rejection(dispatch('models.evaluate', { id, dataset: 'mnist' }))).code).toBe(
      'CONFLICT'
    )
    expect((await rejection(dispatch('models.evaluate', { id, dataset: 'nope' }))).code).toBe(
      'NOT_FOUND'
    )
  })

  it('predicts class probabilities for given rows of features', async () => {
    const { ctx, dispatch } = setup()
    const run = await trainedRun(ctx)
    const { id } = (await dispatch('models.saveFromRun', { runId: run.runId })) as ModelSummary
    const test = run.data.test!
    const inputs = rows(test, 4)
    const prediction = (await dispatch('models.predict', { id, inputs })) as ModelPrediction
    const expected = scores(run.model, test).slice(0, 4)
    expect(prediction.outputs).toEqual(expected)
    for (const row of prediction.outputs) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
    expect(prediction.predicted).toEqual(expected.map(argmax))
    expect(prediction.confidence).toEqual(expected.map((r) => Math.max(...r)))
    const err = await rejection(dispatch('models.predict', { id, inputs: [[1, 2, 3]] }))
    expect([err.code, err.message]).toEqual([
      'BAD_INPUT',
      `inputs[0] has 3 values; model ${id} takes 2`
    ])
  })

  it('shows an MNIST model its worst mistakes as the digits themselves', async () => {
    const { ctx, dispatch } = setup()
    const spec = {
      ...spiralSpec,
      data: { dataset: 'mnist', limit: 300 },
      layers: [
        { kind: 'dense' as const, units: 16, activation: 'relu' as const },
        { kind: 'dense' as const, units: 10, activation: 'softmax' as const }
      ],
      epochs: 2
    }
    const run = await trainedRun(ctx, spec)
    const { id } = (await dispatch('models.saveFromRun', { runId: run.runId })) as ModelSummary
    const report = (await dispatch('models.evaluate', {
      id,
      limit: 200,
      wrong: 5
    })) as ModelEvaluation
    expect([report.dataset, report.split, report.count, report.imageShape]).toEqual([
      'mnist',
      'test',
      200,
      [28, 28]
    ])
    expect(report.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
    expect(report.wrong).toHaveLength(5)
    // The pixels are the test file's own bytes: 16-byte header, then 784 bytes an image.
    const file = readFileSync(join(mnistDataFolder(), 't10k-images-idx3-ubyte'))
    for (const w of report.wrong) {
      expect(w.features).toBeNull()
      const pixels = Buffer.from(w.pixels!, 'base64')
      expect(pixels.equals(file.subarray(16 + 784 * w.index, 16 + 784 * (w.index + 1)))).toBe(true)
    }
  })
})

describe('models.export and models.import', () => {
  it('round-trips a model through the TF.js files with identical predictions, history and optimizer state', async () => {
    const { ctx, dispatch } = setup()
    const run = await trainedRun(ctx)
    const { id } = (await dispatch('models.saveFromRun', {
      runId: run.runId,
      name: 'spiral'
    })) as ModelSummary
    const exported = (await dispatch('models.export', { id })) as ModelExport
    expect(exported.name).toBe('spiral')
    const json = JSON.parse(exported.files['model.json'])
    expect(json.format).toBe('layers-model')
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin'])
    // Float32 weights: 99 parameters, 4 bytes each.
    expect(Buffer.from(exported.files['weights.bin'], 'base64').length).toBe(99 * 4)

    const imported = (await dispatch('models.import', {
      name: 'again',
      modelJson: exported.files['model.json'],
      weights: exported.files['weights.bin']
    })) as ModelImport
    expect(imported).toMatchObject({
      name: 'again',
      dataset: 'spiral',
      task: 'multiclass',
      params: 99,
      hasOptimizerState: true,
      sourceRunId: null
    })
    expect(Array.isArray(imported.notes)).toBe(true)
    const inputs = rows(run.data.test!, 20)
    const before = (await dispatch('models.predict', { id, inputs })) as ModelPrediction
    const after = (await dispatch('models.predict', { id: imported.id, inputs })) as ModelPrediction
    expect(after.outputs).toEqual(before.outputs)
    const repo = new ModelsRepo(ctx.db)
    expect(repo.get(imported.id)!.optimizerState).toEqual(run.model.optimizer.getState())
    expect(repo.get(imported.id)!.history).toEqual(run.history)
    // The weight file may also be given by the path model.json names.
    const byPath = (await dispatch('models.import', {
      modelJson: exported.files['model.json'],
      weights: { 'weights.bin': exported.files['weights.bin'] }
    })) as ModelImport
    expect(byPath.name).toBe('sequential')
  })

  it('refuses malformed model files with INVALID_DATA and stores nothing', async () => {
    const { ctx, dispatch } = setup()
    const run = await trainedRun(ctx)
    const { id } = (await dispatch('models.saveFromRun', { runId: run.runId })) as ModelSummary
    const { files } = (await dispatch('models.export', { id })) as ModelExport
    const json = JSON.parse(files['model.json'])
    const unknownLayer = structuredClone(json)
    unknownLayer.modelTopology.config.layers[0].class_name = 'Conv7D'
    delete unknownLayer.userDefinedMetadata
    const weights = Buffer.from(files['weights.bin'], 'base64')
    const cases: [string, string, RegExp][] = [
      [JSON.stringify(unknownLayer), files['weights.bin'], /Conv7D/],
      [
        files['model.json'],
        weights.subarray(0, weights.length - 4).toString('base64'),
        /truncated/
      ],
      ['{"modelTopology": ', files['weights.bin'], /not valid JSON/],
      [JSON.stringify({ ...json, format: 'graph-model' }), files['weights.bin'], /graph model/]
    ]
    const before = { rows: modelCount(ctx), files: readdirSync(ctx.dataFolder).sort() }
    for (const [modelJson, weightsBase64, message] of cases) {
      const err = await rejection(dispatch('models.import', { modelJson, weights: weightsBase64 }))
      expect(err.code).toBe('INVALID_DATA')
      expect(err.message).toMatch(message)
    }
    expect({ rows: modelCount(ctx), files: readdirSync(ctx.dataFolder).sort() }).toEqual(before)
  })
})

describe('bad inputs', () => {
  it('are refused with BAD_INPUT and the issues that name the field', async () => {
    const { dispatch } = setup()
    const bad: [string, unknown][] = [
      ['models.get', { id: 0 }],
      ['models.get', { id: '1' }],
      ['models.list', { all: true }],
      ['models.saveFromRun', { runId: 1, which: 'worst' }],
      ['models.rename', { id: 1, name: '   ' }],
      ['models.evaluate', { id: 1, wrong: 1000 }],
      ['models.evaluate', { id: 1, split: 'validation' }],
      ['models.predict', { id: 1, inputs: [] }],
      ['models.predict', { id: 1, inputs: [['a']] }],
      ['models.import', { modelJson: '{}', weights: 'not base64!' }],
      ['models.import', { modelJson: '', weights: '' }]
    ]
    for (const [call, input] of bad) {
      const err = await rejection(dispatch(call, input))
      expect(err.toJSON(), `${call} ${JSON.stringify(input)}`).toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringContaining(`Invalid input for ${call}`),
        details: { issues: expect.any(Array) }
      })
    }
  })
})
