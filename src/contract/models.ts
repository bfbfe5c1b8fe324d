/** The `models` family of the API: calls and events. */
import { z } from 'zod'
import type { Task } from '../engine/data/dataset'
import type { CompileConfig, DatasetDescription } from '../engine/formats'
import type { History } from '../engine/model/history'
import type { SequentialSpec } from '../engine/model/sequential'
import { call } from './define'
import type { RunSpec } from './runs'

const id = z.int().min(1)
const modelName = z.string().trim().min(1).max(200)

/** Most examples a wrong-answer gallery holds. */
export const MAX_WRONG_EXAMPLES = 100
/** Most rows one models.predict call takes. */
export const MAX_PREDICT_ROWS = 10_000

export const modelsListInput = z.object({}).strict()
export const modelsGetInput = z.object({ id }).strict()

export const modelsSaveFromRunInput = z
  .object({
    runId: id,
    /** 'final': the run's last weights; 'best': its best epoch's checkpoint. */
    which: z.enum(['final', 'best']).default('final'),
    /** Default: the run's name with the epoch. */
    name: modelName.optional()
  })
  .strict()

export const modelsRenameInput = z.object({ id, name: modelName }).strict()
export const modelsDeleteInput = z.object({ id }).strict()

export const modelsEvaluateInput = z
  .object({
    id,
    /** A built-in or imported data set; default: the data the model was trained on. */
    dataset: z.string().min(1).max(200).optional(),
    /** Default: the test split (the training split when the set has none). */
    split: z.enum(['test', 'train']).optional(),
    /** Evaluate on the first n samples only. */
    limit: z.int().min(1).optional(),
    /** How many of the most confidently wrong examples to return (default 24). */
    wrong: z.int().min(0).max(MAX_WRONG_EXAMPLES).default(24)
  })
  .strict()

export const modelsPredictInput = z
  .object({
    id,
    /** Rows of features, e.g. a 28×28 drawing as 784 values in [0, 1]. */
    inputs: z.array(z.array(z.number())).min(1).max(MAX_PREDICT_ROWS)
  })
  .strict()

export const modelsExportInput = z.object({ id }).strict()

export const modelsImportInput = z
  .object({
    /** Default: the name the file gives the model. */
    name: modelName.optional(),
    /** The model.json text (TF.js Layers format). */
    modelJson: z.string().min(1),
    /** The weight file as base64, or each weight file by the path model.json names it. */
    weights: z.union([z.base64(), z.record(z.string().min(1), z.base64())])
  })
  .strict()

/** A model in the library, as listed. */
export interface ModelSummary {
  id: number
  name: string
  /** The data set it was trained on ('' when unknown). */
  dataset: string
  task: Task
  inputShape: number[]
  /** "784 → 512 relu → 128 relu → 10 softmax" */
  layers: string
  params: number
  /** The optimizer it was compiled with, when known. */
  optimizer: string | null
  /** Epochs in its training history. */
  epochs: number
  /** The last epoch's logged values (loss, accuracy, val_loss, …), when known. */
  metrics: Record<string, number> | null
  hasOptimizerState: boolean
  sourceRunId: number | null
  /** Epochs the source run had completed when the weights were checkpointed. */
  sourceEpoch: number | null
  createdAt: number
}

export interface ModelDetail extends ModelSummary {
  architecture: SequentialSpec
  compile: CompileConfig | null
  datasetInfo: DatasetDescription | null
  /** The spec of the run it came from, when it came from one. */
  training: RunSpec | null
  history: History
}

/** One of the most confidently wrong answers. */
export interface WrongExample {
  /** Sample index in the evaluated split. */
  index: number
  label: number
  predicted: number
  /** The probability the model gave its (wrong) answer. */
  confidence: number
  /** Image sets: imageShape's grey levels 0..255, row-major, as base64. */
  pixels: string | null
  /** Other sets: the feature values. */
  features: number[] | null
}

export interface ModelEvaluation {
  modelId: number
  /** The data set and split evaluated. */
  dataset: string
  split: 'test' | 'train'
  count: number
  loss: number
  /** By the names the model was compiled with (accuracy, mae, …). */
  metrics: Record<string, number>
  task: Task
  classNames: string[] | null
  imageShape: [number, number] | null
  /** Classification: counts[true class][predicted class]; null for regression. */
  confusion: number[][] | null
  /** Classification: samples of each true class; null for regression. */
  classCounts: number[] | null
  /** Classification: the share of each class's samples predicted right (null for an absent class). */
  perClassAccuracy: (number | null)[] | null
  /** Most confident first. */
  wrong: WrongExample[]
}

export interface ModelPrediction {
  /** The model's outputs per row (probabilities for a softmax or sigmoid output). */
  outputs: number[][]
  /** Classification: the predicted class per row; regression: null. */
  predicted: (number | null)[]
  /** Classification: the probability of the predicted class; regression: null. */
  confidence: (number | null)[]
  classNames: string[] | null
}

export interface ModelExport {
  /** A name for the folder the files go into. */
  name: string
  files: {
    'model.json': string
    /** base64 */
    'weights.bin': string
  }
  /** What the TF.js format could not hold exactly. */
  notes: string[]
}

export interface ModelImport extends ModelSummary {
  /** What the import changed or could not keep. */
  notes: string[]
}

export const modelsCalls = {
  'models.list': call<typeof modelsListInput, ModelSummary[]>(modelsListInput),
  'models.get': call<typeof modelsGetInput, ModelDetail>(modelsGetInput),
  /** Keeps a run's final or best weights, with its optimizer state and history, as a model. */
  'models.saveFromRun': call<typeof modelsSaveFromRunInput, ModelSummary>(modelsSaveFromRunInput),
  'models.rename': call<typeof modelsRenameInput, ModelSummary>(modelsRenameInput),
  'models.delete': call<typeof modelsDeleteInput, { id: number; deleted: true }>(modelsDeleteInput),
  /** Loss, metrics, confusion matrix, per-class accuracy and the most confidently wrong examples. */
  'models.evaluate': call<typeof modelsEvaluateInput, ModelEvaluation>(modelsEvaluateInput),
  'models.predict': call<typeof modelsPredictInput, ModelPrediction>(modelsPredictInput),
  /** The TF.js Layers files, with history and optimizer state in Descent's metadata. */
  'models.export': call<typeof modelsExportInput, ModelExport>(modelsExportInput),
  /** A TF.js Layers model; malformed files are refused with INVALID_DATA and nothing stored. */
  'models.import': call<typeof modelsImportInput, ModelImport>(modelsImportInput)
} as const

export interface ModelsEvents {
  /** A model was saved, imported, renamed or deleted (by any door of this process). */
  'models.changed': { id: number; change: 'saved' | 'imported' | 'renamed' | 'deleted' }
}
