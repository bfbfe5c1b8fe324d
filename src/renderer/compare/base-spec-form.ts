/**
 * The Compare view's compact spec form, for when no Build draft is at hand: a data set, layers in
 * the command line's mini-language (32:relu,10:softmax), epochs, batch size, seed, a sample limit
 * and a validation split. It is checked as the Build view checks its own form, with the loss the
 * data set's task calls for; the optimizer is left out (each run of a comparison brings its own).
 */
import type { DatasetInfo } from '../../contract/datasets'
import type { BaseSpec } from '../../contract/experiments'
import type { RunSpec } from '../../contract/runs'
import { checkDraft } from '../build/check-draft'
import { parseLayersText } from '../../engine/spec'
import { defaultDraft, draftLayers, type Draft, type DraftLayer } from '../build/draft'
import { outputFor } from '../build/output'

export interface BaseSpecDraft {
  dataset: string
  layers: string
  epochs: string
  batchSize: string
  seed: string
  /** '' for every sample. */
  limit: string
  /** '' for no validation split. */
  validationSplit: string
}

export type BaseSpecField = keyof BaseSpecDraft

export interface CheckedBaseSpec {
  spec: BaseSpec | null
  errors: Partial<Record<BaseSpecField, string>>
}

/** Small enough to finish in seconds: a 32-unit hidden layer, 2 epochs of 1,000 MNIST digits. */
export function defaultBaseSpecDraft(): BaseSpecDraft {
  return {
    dataset: 'mnist',
    layers: '32:relu,10:softmax',
    epochs: '2',
    batchSize: '32',
    seed: '1',
    limit: '1000',
    validationSplit: ''
  }
}

/** The spec without its optimizer. */
export function baseOf(spec: RunSpec): BaseSpec {
  const { optimizer: _optimizer, ...base } = spec
  return base
}

export function checkBaseSpec(
  form: BaseSpecDraft,
  datasets: readonly DatasetInfo[]
): CheckedBaseSpec {
  const errors: CheckedBaseSpec['errors'] = {}
  let layers: DraftLayer[] = []
  try {
    layers = draftLayers(parseLayersText(form.layers))
  } catch (err) {
    errors.layers = err instanceof Error ? err.message : String(err)
  }
  const info = datasets.find((d) => d.name === form.dataset)
  const draft: Draft = {
    ...defaultDraft(),
    dataset: form.dataset,
    limit: form.limit,
    layers,
    loss: info ? outputFor(info).loss : defaultDraft().loss,
    epochs: form.epochs,
    batchSize: form.batchSize,
    seed: form.seed,
    validationSplit: form.validationSplit
  }
  const check = checkDraft(draft, info)
  for (const [key, message] of Object.entries(check.errors)) {
    const field = key.startsWith('layers') ? 'layers' : key
    if (field in form) errors[field as BaseSpecField] ??= message
  }
  if (check.problems.length) errors.layers ??= check.problems.join('; ')
  const spec = Object.keys(errors).length === 0 && check.spec ? baseOf(check.spec) : null
  return { spec, errors }
}
