import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline/promises'
import { Option, type Command } from 'commander'
import type { CallInput, CallName, CallOutput, ModelEvaluation, ModelSummary } from '../contract'
import { createDispatch, createHandlers } from '../main/api/handlers'
import { createContext } from '../main/context'
import { parseWhole } from './parse'

export type Api = <N extends CallName>(name: N, input: CallInput<N>) => Promise<CallOutput<N>>

/** Runs `use` with the API over the database of the --data folder, closed afterwards. */
export async function withApi<T>(program: Command, use: (api: Api) => Promise<T>): Promise<T> {
  const ctx = createContext({ runtime: 'node', dataFolder: program.opts<{ data?: string }>().data })
  try {
    const dispatch = createDispatch(createHandlers(ctx))
    return await use((name, input) => dispatch(name, input) as Promise<CallOutput<typeof name>>)
  } finally {
    ctx.close()
  }
}

/** A plain-text table: a header row, then the rows, columns padded (numbers to the right). */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))]
  const widths = header.map((_, c) => Math.max(...cells.map((row) => row[c].length)))
  const right = header.map(
    (_, c) => rows.length > 0 && rows.every((row) => typeof row[c] === 'number')
  )
  return cells
    .map((row) =>
      row
        .map((cell, c) => (right[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}

export const fixed = (value: number | null | undefined, digits = 4): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits)

/** Asks on the terminal; without one, the answer is no (scripts say --yes). */
export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
  } finally {
    rl.close()
  }
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
      withApi(program, async (api) => {
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
        withApi(program, async (api) => {
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
      withApi(program, async (api) => {
        const exported = await api('models.export', { id })
        mkdirSync(folder, { recursive: true })
        writeFileSync(join(folder, 'model.json'), exported.files['model.json'])
        writeFileSync(
          join(folder, 'weights.bin'),
          Buffer.from(exported.files['weights.bin'], 'base64')
        )
        for (const note of exported.notes) console.log(`Note: ${note}`)
        console.log(`Exported model ${id} ("${exported.name}") to ${resolve(folder)}`)
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
      withApi(program, async (api) => {
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
      withApi(program, async (api) => {
        const model = await api('models.get', { id })
        if (!opts.yes && !(await confirm(`Delete model ${model.id} ("${model.name}")?`))) {
          throw new Error(`model ${model.id} was not deleted (confirm, or pass --yes)`)
        }
        await api('models.delete', { id: model.id })
        console.log(`Deleted model ${model.id} ("${model.name}")`)
      })
    )
}
