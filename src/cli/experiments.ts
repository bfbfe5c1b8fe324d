import { writeFileSync } from 'node:fs'
import { InvalidArgumentError, type Command } from 'commander'
import type { Aggregate, ExperimentDetail, RunRecord } from '../contract'
import { importedDatasets } from '../main/datasets/imported-store'
import { loadTrainingData } from '../main/datasets/training-data'
import { fixed, formatTable } from './format'
import { parseOptimizer, parseWhole, type OptimizerArg } from './parse'
import { formatDuration } from './progress'
import { followRun, isActive, openSession, withSession, type CliSession } from './session'
import {
  addHyperparameterOptions,
  addSpecOptions,
  baseSpec,
  dataSource,
  withHyperparameters,
  type SpecOptions
} from './spec-options'

const collect = (value: string, previous: OptimizerArg[] = []): OptimizerArg[] => [
  ...previous,
  parseOptimizer(value)
]

/** `1e-4:1e-1:7` → a log grid from 1e-4 to 1e-1 with 7 rates. */
export function parseGrid(text: string): { min: number; max: number; steps: number } {
  const [min, max, steps] = text.split(':').map(Number)
  if (!(
    min > 0 &&
    max > min &&
    Number.isInteger(steps) &&
    steps >= 2 &&
    text.split(':').length === 3
  )) {
    throw new InvalidArgumentError(
      'give the grid as min:max:steps, e.g. 1e-4:1e-1:7 (0 < min < max, steps ≥ 2)'
    )
  }
  return { min, max, steps }
}

const meanStd = (a: Aggregate | undefined, digits = 4): string =>
  a === undefined
    ? '-'
    : a.n > 1
      ? `${a.mean.toFixed(digits)} ± ${a.std.toFixed(digits)}`
      : a.mean.toFixed(digits)

/** One row per configuration: seeds, final train/val metrics and test accuracy (mean ± std over seeds). */
export function comparisonTable(detail: ExperimentDetail): string {
  const keys = [
    'loss',
    'accuracy',
    'val_loss',
    'val_accuracy',
    'test_loss',
    'test_accuracy'
  ].filter((k) => detail.groups.some((g) => g.final[k] !== undefined))
  const seconds = (ids: number[]): string => {
    const runs = detail.runs.filter((r) => ids.includes(r.id))
    return formatDuration(runs.reduce((s, r) => s + r.trainSeconds, 0) / Math.max(1, runs.length))
  }
  const rows = detail.groups.map((g) => [
    g.label,
    g.runIds.length,
    ...keys.map((k) => meanStd(g.final[k])),
    seconds(g.runIds)
  ])
  return formatTable(
    ['CONFIGURATION', 'RUNS', ...keys.map((k) => k.toUpperCase()), 'TIME/RUN'],
    rows
  )
}

/** Follows the experiment's runs one after the other until none is left queued or running. */
async function followExperiment(
  session: CliSession,
  id: number,
  print: (line: string) => void
): Promise<ExperimentDetail> {
  const followed = new Set<number>()
  let cancelled = false
  const onSignal = (): void => {
    if (cancelled) return
    cancelled = true
    // followRun stops the run in progress; the queued ones stop here.
    void session
      .call('experiments.get', { id })
      .then((d) =>
        Promise.all(
          d.runs
            .filter((r) => r.status === 'queued')
            .map((r) => session.call('runs.stop', { id: r.id }).catch(() => {}))
        )
      )
  }
  process.on('SIGINT', onSignal)
  try {
    for (;;) {
      const detail = await session.call('experiments.get', { id })
      const next = detail.runs.find((r) => !followed.has(r.id) && isActive(r.status))
      if (!next || cancelled) return detail
      followed.add(next.id)
      print(
        `\n── run ${next.id} · ${next.role ?? next.name} (${followed.size}/${detail.runs.length}) ──`
      )
      const run = await followRun(session, async () => next, {
        print,
        live: process.stderr.isTTY ? process.stderr : null
      })
      print(
        `run ${run.id} ${run.status}${run.stopReason ? ` (${run.stopReason})` : ''}${run.testMetrics ? ` · test accuracy ${fixed(run.testMetrics.accuracy)}` : ''}`
      )
    }
  } finally {
    process.off('SIGINT', onSignal)
  }
}

interface CompareOptions extends SpecOptions {
  optimizer?: OptimizerArg[]
  seeds: number
  name?: string
  json?: boolean
}

interface SweepOptions extends SpecOptions {
  optimizer: OptimizerArg
  lr: { min: number; max: number; steps: number }
  seeds: number
  monitor?: 'loss' | 'val_loss'
  name?: string
  json?: boolean
}

function loadBase(session: CliSession, opts: SpecOptions) {
  const data = loadTrainingData(
    dataSource(opts),
    importedDatasets(session.ctx.db, session.ctx.dataFolder)
  )
  return { data, spec: baseSpec(opts, data.train) }
}

export function registerExperiments(program: Command): void {
  const compare = program
    .command('compare')
    .description(
      'train the same network under several optimizers — same data, initial weights and batch order — and compare them'
    )
  addSpecOptions(compare)
    .option(
      '-o, --optimizer <spec>',
      'an optimizer with its hyperparameters, e.g. sgd:lr=0.01,momentum=0.9 (repeat it: one run each)',
      collect
    )
    .option(
      '--seeds <k>',
      'repeat each optimizer over k seeds (seed, seed+1, …) and report mean ± std',
      parseWhole(1),
      1
    )
    .option('--name <name>', 'name of the comparison')
    .option('--json', 'print the experiment (runs, groups) as JSON at the end')
    .action(async (opts: CompareOptions) => {
      const optimizers = opts.optimizer ?? []
      if (optimizers.length === 0)
        throw new Error('name at least one --optimizer, e.g. --optimizer sgd --optimizer adam')
      const log = opts.json
        ? (line: string) => process.stderr.write(line + '\n')
        : (line: string) => console.log(line)
      const session = openSession(program)
      try {
        const { data, spec } = loadBase(session, opts)
        log(data.description)
        const created = await session.call('experiments.compare', {
          name: opts.name,
          spec,
          optimizers,
          seeds: opts.seeds
        })
        log(`Comparison ${created.id} (${created.name}): ${created.runs.length} runs`)
        const detail = await followExperiment(session, created.id, log)
        if (opts.json) console.log(JSON.stringify(detail, null, 2))
        else
          log(
            `\n${comparisonTable(detail)}\n\nSee the histories with: descent runs show --experiment ${detail.id}`
          )
      } finally {
        await session.close()
      }
    })

  const sweep = program
    .command('sweep')
    .description(
      'learning-rate sweep (DeepOBS): a log grid of rates, then the best one rerun over new seeds'
    )
  addSpecOptions(sweep)
    .option(
      '-o, --optimizer <spec>',
      'the optimizer and its other hyperparameters, e.g. adam or sgd:momentum=0.9',
      parseOptimizer,
      parseOptimizer('sgd')
    )
    .requiredOption('--lr <min:max:steps>', 'the learning-rate grid, e.g. 1e-4:1e-1:7', parseGrid)
    .option('--seeds <k>', 'reruns of the best rate over new seeds (0: none)', parseWhole(0), 3)
    .option(
      '--monitor <key>',
      'loss or val_loss (default: val_loss with --validation-split, else loss)'
    )
    .option('--name <name>', 'name of the sweep')
    .option('--json', 'print the experiment as JSON at the end')
  addHyperparameterOptions(sweep, false).action(async (opts: SweepOptions) => {
    if (opts.monitor !== undefined && opts.monitor !== 'loss' && opts.monitor !== 'val_loss') {
      throw new Error(`--monitor must be loss or val_loss, got ${opts.monitor}`)
    }
    const log = opts.json
      ? (line: string) => process.stderr.write(line + '\n')
      : (line: string) => console.log(line)
    const session = openSession(program)
    try {
      const { data, spec } = loadBase(session, opts)
      log(data.description)
      const optimizer = withHyperparameters(
        opts.optimizer,
        opts as unknown as Record<string, unknown>
      )
      const created = await session.call('experiments.sweep', {
        name: opts.name,
        spec,
        optimizer,
        learningRates: opts.lr,
        seeds: opts.seeds,
        monitor: opts.monitor
      })
      log(
        `Sweep ${created.id} (${created.name}): ${created.sweep!.grid.length} learning rates, monitoring ${created.sweep!.monitor}`
      )
      const detail = await followExperiment(session, created.id, log)
      if (opts.json) console.log(JSON.stringify(detail, null, 2))
      else log(`\n${sweepReport(detail)}`)
    } finally {
      await session.close()
    }
  })

  program
    .command('export-runs')
    .description('export runs and their metrics as CSV (one row per logged value) or JSON')
    .requiredOption('--format <format>', 'csv or json')
    .option('--experiment <id>', 'every run of this experiment', parseWhole(1))
    .option('--runs <ids>', 'comma-separated run ids', (text: string) =>
      text.split(',').map((t) => parseWhole(1)(t.trim()))
    )
    .option('--granularity <g>', 'epoch (default) or step (every batch)', 'epoch')
    .option('--out <file>', 'write to this file (default: standard output)')
    .action(
      (opts: {
        format: string
        experiment?: number
        runs?: number[]
        granularity: string
        out?: string
      }) =>
        withSession(program, async (session) => {
          if (opts.format !== 'csv' && opts.format !== 'json')
            throw new Error(`--format must be csv or json, got ${opts.format}`)
          if (opts.granularity !== 'epoch' && opts.granularity !== 'step')
            throw new Error(`--granularity must be epoch or step, got ${opts.granularity}`)
          if (opts.experiment === undefined && opts.runs === undefined)
            throw new Error('name the runs to export: --experiment <id> or --runs 1,2,3')
          const exported = await session.call('experiments.exportRuns', {
            format: opts.format,
            experimentId: opts.experiment,
            runIds: opts.runs,
            granularity: opts.granularity
          })
          if (opts.out) {
            writeFileSync(opts.out, exported.content)
            console.error(`Wrote ${opts.out}`)
          } else process.stdout.write(exported.content)
        })
    )
}

/** The grid (rate → monitored value, the best marked) and the rerun's mean ± std. */
export function sweepReport(detail: ExperimentDetail): string {
  const sweep = detail.sweep!
  const byId = new Map<number, RunRecord>(detail.runs.map((r) => [r.id, r]))
  const rows = sweep.grid.map((p) => [
    String(p.learningRate),
    p.value === null ? '-' : Number.isFinite(p.value) ? p.value.toFixed(4) : 'diverged',
    byId.get(p.runId)?.status ?? '',
    p.learningRate === sweep.bestLearningRate ? '← best' : ''
  ])
  const lines = [formatTable(['LEARNING_RATE', sweep.monitor.toUpperCase(), 'STATUS', ''], rows)]
  if (sweep.bestLearningRate === null)
    lines.push('', 'No learning rate of the grid trained without diverging.')
  else if (sweep.rerun) {
    const keys = Object.keys(sweep.rerun.final).filter(
      (k) => !k.startsWith('samples') && k !== 'learning_rate' && k !== 'epoch_seconds'
    )
    lines.push(
      '',
      `Best learning rate ${sweep.bestLearningRate}, rerun over seeds ${sweep.rerun.seeds.join(', ')}:`
    )
    lines.push(...keys.map((k) => `  ${k.padEnd(14)} ${meanStd(sweep.rerun!.final[k])}`))
  }
  return lines.join('\n')
}
