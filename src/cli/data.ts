import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { ApiError, type DatasetInfo, type ImportFileRole } from '../contract'
import { confirm, formatTable } from './format'
import { withSession } from './session'

interface ImportOptions {
  csv?: string
  testCsv?: string
  labelColumn?: string
  images?: string
  labels?: string
  testImages?: string
  testLabels?: string
  json?: boolean
}

const ROLE_OPTIONS: Record<ImportFileRole, keyof ImportOptions> = {
  images: 'images',
  labels: 'labels',
  testImages: 'testImages',
  testLabels: 'testLabels',
  csv: 'csv',
  testCsv: 'testCsv'
}

function shapeOf(d: DatasetInfo): string {
  return d.imageShape ? d.imageShape.join('×') : d.featureShape.join('×')
}

function classesOf(d: DatasetInfo): string {
  if (d.task === 'regression') return '-'
  const counts = d.classCounts.map((n, k) => `${d.classNames?.[k] ?? k}:${n}`)
  return counts.length > 6
    ? `${d.numClasses} (${counts.slice(0, 5).join(' ')} …)`
    : counts.join(' ')
}

function printDatasets(list: DatasetInfo[]): void {
  console.log(
    formatTable(
      ['NAME', 'SOURCE', 'TASK', 'TRAIN', 'TEST', 'FEATURES', 'CLASSES (TRAINING SAMPLES)'],
      list.map((d) => [
        d.name,
        d.source,
        d.task,
        d.count,
        d.testCount ?? '-',
        shapeOf(d),
        classesOf(d)
      ])
    )
  )
}

/** The file given for each role, as base64. */
function readImportFiles(opts: ImportOptions): {
  files: Partial<Record<ImportFileRole, string>>
  paths: Map<string, string>
} {
  const files: Partial<Record<ImportFileRole, string>> = {}
  const paths = new Map<string, string>()
  for (const [role, option] of Object.entries(ROLE_OPTIONS) as [
    ImportFileRole,
    keyof ImportOptions
  ][]) {
    const path = opts[option]
    if (typeof path !== 'string') continue
    files[role] = readFileSync(path).toString('base64')
    paths.set(role, path)
  }
  return { files, paths }
}

/** A refused file, named by its path instead of the role the API knows it by. */
function withPath(err: unknown, paths: Map<string, string>): unknown {
  if (!(err instanceof ApiError) || err.code !== 'INVALID_DATA') return err
  const role = (err.details as { file?: string } | undefined)?.file
  const path = role === undefined ? undefined : paths.get(role)
  return path === undefined
    ? err
    : new ApiError(err.code, path + err.message.slice(role!.length), err.details)
}

export function registerData(program: Command): void {
  const data = program
    .command('data')
    .description('data sets: the built-in ones and those you import')

  data
    .command('ls')
    .description('list data sets with their shapes and class counts')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      withSession(program, async ({ call: api }) => {
        const list = await api('datasets.list', {})
        if (opts.json) console.log(JSON.stringify(list, null, 2))
        else printDatasets(list)
      })
    )

  data
    .command('import')
    .description('import IDX (images + labels, raw or gzipped) or CSV files into the data folder')
    .argument('<name>', 'the name runs will use for it (letters, digits, - and _)')
    .option('--csv <file>', 'a CSV file: feature columns and a label column')
    .option('--test-csv <file>', 'a CSV test split')
    .option(
      '--label-column <column>',
      "the CSV label column's header name or 0-based index (default: detected)"
    )
    .option('--images <file>', 'an IDX images file')
    .option('--labels <file>', 'the IDX labels file that goes with --images')
    .option('--test-images <file>', 'an IDX test images file')
    .option('--test-labels <file>', 'the IDX labels file that goes with --test-images')
    .option('--json', 'print JSON')
    .action((name: string, opts: ImportOptions) =>
      withSession(program, async ({ call: api }) => {
        const format = opts.csv || opts.testCsv ? 'csv' : 'idx'
        const { files, paths } = readImportFiles(opts)
        const column = opts.labelColumn
        const labelColumn = column !== undefined && /^\d+$/.test(column) ? Number(column) : column
        let info: DatasetInfo
        try {
          info = await api('datasets.import', { name, format, files, labelColumn })
        } catch (err) {
          throw withPath(err, paths)
        }
        if (opts.json) return console.log(JSON.stringify(info, null, 2))
        console.log(
          `Imported ${info.name}: ${info.count} training samples of ${shapeOf(info)}` +
            (info.testCount === null ? ', no test split' : `, ${info.testCount} test samples`)
        )
        console.log(`Train with: descent train --dataset ${info.name}`)
      })
    )

  data
    .command('rm')
    .description('delete an imported data set and its files')
    .argument('<name>', 'the data set')
    .option('-y, --yes', 'do not ask for confirmation')
    .action((name: string, opts: { yes?: boolean }) =>
      withSession(program, async ({ call: api }) => {
        const info = await api('datasets.get', { name })
        if (!opts.yes && !(await confirm(`Delete data set ${info.name} and its files?`))) {
          throw new Error(`${info.name} was not deleted (confirm, or pass --yes)`)
        }
        await api('datasets.delete', { name: info.name })
        console.log(`Deleted data set ${info.name}`)
      })
    )
}
