import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { Option, type Command } from 'commander'
import type { ModelEvaluation, ModelSummary } from '../contract'
import { confirm, fixed, formatTable } from './format'
import { parseWhole } from './parse'
import { withSession, type CliSession } from './session'

/** Writes a library model as TF.js Layers files (model.json + weights.bin); returns its name. */
export async function exportModel(
  session: CliSession,
  id: number,
  folder: string
): Promise<string> {
  const exported = await session.call('models.export', { id })
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, 'model.json'), exported.files['model.json'])
  writeFileSync(join(folder, 'weights.bin'), Buffer.from(exported.files['weights.bin'], 'base64'))
  for (const note of exported.notes) console.log(`Note: ${note}`)
  return exported.name
}

function headlineMetric(m: ModelSummary): string {
  const metrics = m.metrics ?? {}
  const key = ['val_accuracy', 'accuracy', 'val_loss', 'loss'].find((k) => metrics[k] !== undefined)
  return key ? `${key} ${fixed(metrics[key])}` : '-'
}

function printModels(models: ModelSummary[]): void {
  if (models.length === 0)
    return console.log('No saved models. Save one from a run, or import one.')
  console.log(
    formatTable(
      [
        'ID',
        'NAME',
        'DATASET',
        'LAYERS',
        'PARAMS',
        'OPTIMIZER',
        'EPOCHS',
        'LAST EPOCH',
        'RUN',
        'CREATED'
      ],
      models.map((m) => [
        m.id,
        m.name,
        m.dataset || '-',
        m.layers,
        m.params,
        m.optimizer ?? '-',
        m.epochs,
        headlineMetric(m),
        m.sourceRunId ?? '-',
        new Date(m.createdAt).toISOString().slice(0, 16).replace('T', ' ')
      ])
    )
  )
}

function printEvaluation(e: ModelEvaluation): void {
  console.log(`Model ${e.modelId} on ${e.dataset} (${e.split} split, ${e.count} samples)`)
  console.log(
    ['loss', ...Object.keys(e.metrics)]
      .map((k) => `${k}: ${fixed(k === 'loss' ? e.loss : e.metrics[k])}`)
      .join(' - ')
  )
  if (!e.confusion) return
  const names = e.classNames ?? e.confusion.map((_, k) => String(k))
  console.log('\nPer class:')
  console.log(
    formatTable(
      ['CLASS', 'SAMPLES', 'ACCURACY'],
      names.map((name, k) => [name, e.classCounts![k], fixed(e.perClassAccuracy![k])])
    )
  )
  console.log('\nConfusion matrix (rows: true class, columns: predicted):')
  console.log(
    formatTable(
      ['', ...names],
      e.confusion.map((row, k) => [names[k], ...row])
    )
  )
  if (e.wrong.length) {
    const shown = e.wrong
      .slice(0, 10)
      .map((w) => `#${w.index} ${names[w.label]}→${names[w.predicted]} (${fixed(w.confidence, 3)})`)
    console.log(`\nMost confident mistakes: ${shown.join(', ')}`)
  }
}

/** The weight files model.json names, read from its folder, by path. */
function readWeightFiles(modelJsonPath: string, modelJson: string): Record<string, string> {
  let paths: string[] = []
  try {
    const manifest = (JSON.parse(modelJson) as { weightsManifest?: { paths?: unknown }[] })
      .weightsManifest
    paths = (manifest ?? []).flatMap((group) =>
      Array.isArray(group.paths) ? group.paths.filter((p) => typeof p === 'string') : []
    )
  } catch {
    // Not JSON: the import itself reports it, naming the problem.
  }
  return Object.fromEntries(
    paths.map((p) => [p, readFileSync(join(dirname(modelJsonPath), p)).toString('base64')])
  )
}

export function registerModels(program: Command): void {
  const models = program
    .command('models')
    .description('the model library: list, evaluate, export, import, delete')

  models
    .command('ls')
    .description('list saved models')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      withSession(program, async ({ call: api }) => {
        const list = await api('models.list', {})
        if (opts.json) console.log(JSON.stringify(list, null, 2))
        else printModels(list)
      })
    )

  models
    .command('eval')
    .description('loss, accuracy, per-class accuracy and confusion matrix on a data set')
    .argument('<id>', 'model id', parseWhole(1))
    .option(
      '-d, --dataset <name>',
      'a built-in or imported data set (default: the one it was trained on)'
    )
    .addOption(
      new Option('--split <split>', 'which split (default: test when there is one)').choices([
        'test',
        'train'
      ])
    )
    .option('--limit <n>', 'only the first n samples', parseWhole(1))
    .option('--json', 'print JSON')
    .action(
      (
        id: number,
        opts: { dataset?: string; split?: 'test' | 'train'; limit?: number; json?: boolean }
      ) =>
        withSession(program, async ({ call: api }) => {
          const report = await api('models.evaluate', {
            id,
            dataset: opts.dataset,
            split: opts.split,
            limit: opts.limit
          })
          if (opts.json) console.log(JSON.stringify(report, null, 2))
          else printEvaluation(report)
        })
    )

  models
    .command('export')
    .description('write the model as TF.js Layers files (model.json + weights.bin) into a folder')
    .argument('<id>', 'model id', parseWhole(1))
    .argument('<folder>', 'where the files go (made if missing)')
    .action((id: number, folder: string) =>
      withSession(program, async (session) => {
        const name = await exportModel(session, id, folder)
        console.log(`Exported model ${id} ("${name}") to ${resolve(folder)}`)
      })
    )

  models
    .command('import <path>')
    .description(
      'import a TF.js Layers model: its folder or its model.json (weight files beside it)'
    )
    .option('--name <name>', 'name in the library (default: the name in the file)')
    .option('--json', 'print JSON')
    .action((path: string, opts: { name?: string; json?: boolean }) =>
      withSession(program, async ({ call: api }) => {
        const modelJsonPath = basename(path).endsWith('.json') ? path : join(path, 'model.json')
        const modelJson = readFileSync(modelJsonPath, 'utf8')
        const imported = await api('models.import', {
          name: opts.name,
          modelJson,
          weights: readWeightFiles(modelJsonPath, modelJson)
        })
        if (opts.json) return console.log(JSON.stringify(imported, null, 2))
        for (const note of imported.notes) console.log(`Note: ${note}`)
        console.log(
          `Imported model ${imported.id} ("${imported.name}"): ${imported.layers}, ${imported.params} parameters`
        )
      })
    )

  models
    .command('rm')
    .description('delete a saved model')
    .argument('<id>', 'model id', parseWhole(1))
    .option('-y, --yes', 'do not ask for confirmation')
    .action((id: number, opts: { yes?: boolean }) =>
      withSession(program, async ({ call: api }) => {
        const model = await api('models.get', { id })
        if (!opts.yes && !(await confirm(`Delete model ${model.id} ("${model.name}")?`))) {
          throw new Error(`model ${model.id} was not deleted (confirm, or pass --yes)`)
        }
        await api('models.delete', { id: model.id })
        console.log(`Deleted model ${model.id} ("${model.name}")`)
      })
    )
}
