/**
 * The whole form checked at once: an inline error per bad field, the engine's sentences about a
 * model that does not fit the data (checkSpec), and — only when nothing is wrong — the RunSpec
 * that runs.create takes.
 */
import type { DatasetInfo } from '../../contract/datasets'
import type { RunSpec } from '../../contract/runs'
import type { TrainingLayerSpec } from '../../engine'
import { checkSpec, defaultMetrics } from '../../engine/spec'
import { groupDigits } from '../format'
import { defaultInitializer, type Draft } from './draft'
import { readNumber, type NumberRule } from './numbers'
import { readOptimizer } from './optimizer-fields'
import { dataShape } from './output'
import { countDenseParams, MAX_SUMMARY_PARAMS } from './summary'

/** The largest values runs.create accepts (src/contract/runs.ts). */
const LIMITS = {
  layers: 100,
  units: 1_000_000,
  epochs: 100_000,
  batchSize: 10_000_000,
  seed: 0xffffffff,
  name: 200
}

export interface DraftCheck {
  /**
   * Inline errors by field: dataset, limit, layers, layers.<i>.units, layers.<i>.rate,
   * optimizer, optimizer.<key>, batchSize, epochs, validationSplit, seed, name.
   */
  errors: Record<string, string>
  /** The layers as numbers, once every layer field reads. */
  layers: TrainingLayerSpec[] | null
  /** What the engine says does not fit the data (output layer, loss), as sentences. */
  problems: string[]
  /** The run to create, once there are neither errors nor problems. */
  spec: RunSpec | null
  /** Samples an epoch trains on (after the limit and the validation split), when known. */
  trainCount: number | null
  /** Updates an epoch makes, when known. */
  stepsPerEpoch: number | null
}

/** Reads `text` with `rule`; on failure records the error under `key` and returns null. */
function reader(errors: Record<string, string>) {
  return (key: string, text: string, rule: NumberRule): number | null => {
    const reading = readNumber(text, rule)
    if (reading.error === undefined) return reading.value
    errors[key] = reading.error
    return null
  }
}

function readLayers(
  draft: Draft,
  read: ReturnType<typeof reader>,
  errors: Record<string, string>
): TrainingLayerSpec[] | null {
  if (draft.layers.length === 0) errors.layers = 'add at least one layer: the output layer'
  if (draft.layers.length > LIMITS.layers) errors.layers = `at most ${LIMITS.layers} layers`
  const layers = draft.layers.map((layer, i): TrainingLayerSpec | null => {
    if (layer.kind === 'dropout') {
      const rate = read(`layers.${i}.rate`, layer.rate, { min: 0, max: 1, belowMax: true })
      return rate === null ? null : { kind: 'dropout', rate }
    }
    const units = read(`layers.${i}.units`, layer.units, { whole: true, min: 1, max: LIMITS.units })
    if (units === null) return null
    return layer.initializer === defaultInitializer
      ? { kind: 'dense', units, activation: layer.activation }
      : { kind: 'dense', units, activation: layer.activation, initializer: layer.initializer }
  })
  if (errors.layers !== undefined || layers.some((l) => l === null)) return null
  return layers as TrainingLayerSpec[]
}

function readOptimizerFields(draft: Draft, errors: Record<string, string>) {
  try {
    const reading = readOptimizer(draft.optimizer, draft.hyperparameters)
    for (const [key, error] of Object.entries(reading.errors)) {
      errors[key === 'optimizer' ? key : `optimizer.${key}`] = error
    }
    return reading.config
  } catch (err) {
    errors.optimizer = err instanceof Error ? err.message : String(err)
    return null
  }
}

export function checkDraft(draft: Draft, dataset: DatasetInfo | undefined): DraftCheck {
  const errors: Record<string, string> = {}
  const read = reader(errors)
  if (!dataset) errors.dataset = 'choose a data set'

  let samples = dataset?.count ?? null
  if (draft.limit.trim() !== '') {
    const max = dataset?.count
    const limit = read('limit', draft.limit, { whole: true, min: 1, max })
    if (limit !== null) samples = limit
  }
  let trainCount = samples
  let validationSplit: number | undefined
  if (draft.validationSplit.trim() !== '') {
    const split = read('validationSplit', draft.validationSplit, {
      min: 0,
      aboveMin: true,
      max: 1,
      belowMax: true
    })
    if (split !== null) {
      validationSplit = split
      if (samples !== null) {
        trainCount = Math.floor(samples * (1 - split))
        if (trainCount === 0 || trainCount === samples) {
          errors.validationSplit = `${groupDigits(samples)} samples cannot be split with ${split}`
          trainCount = null
        }
      }
    }
  }

  const layers = readLayers(draft, read, errors)
  if (layers && dataset && countDenseParams(layers, dataset.featureShape) > MAX_SUMMARY_PARAMS) {
    errors.layers = `more than ${groupDigits(MAX_SUMMARY_PARAMS)} weights: too large to train here`
  }
  const problems =
    layers && dataset ? checkSpec({ layers, loss: draft.loss }, dataShape(dataset)) : []
  const config = readOptimizerFields(draft, errors)
  const batchSize = read('batchSize', draft.batchSize, {
    whole: true,
    min: 1,
    max: LIMITS.batchSize
  })
  const epochs = read('epochs', draft.epochs, { whole: true, min: 1, max: LIMITS.epochs })
  const seed = read('seed', draft.seed, { whole: true, min: 0, max: LIMITS.seed })
  if (draft.name.trim().length > LIMITS.name) errors.name = `at most ${LIMITS.name} characters`

  const stepsPerEpoch =
    trainCount !== null && batchSize !== null
      ? Math.ceil(trainCount / Math.min(batchSize, trainCount))
      : null
  const valid =
    Object.keys(errors).length === 0 &&
    problems.length === 0 &&
    dataset &&
    layers &&
    config &&
    batchSize !== null &&
    epochs !== null &&
    seed !== null
  const spec: RunSpec | null = valid
    ? {
        data:
          draft.limit.trim() === ''
            ? { dataset: dataset.name }
            : { dataset: dataset.name, limit: samples! },
        layers,
        loss: draft.loss,
        metrics: defaultMetrics(dataset.task),
        optimizer: { name: draft.optimizer, config },
        epochs,
        batchSize,
        seed,
        ...(validationSplit === undefined ? {} : { validationSplit })
      }
    : null
  return { errors, layers, problems, spec, trainCount, stepsPerEpoch }
}
