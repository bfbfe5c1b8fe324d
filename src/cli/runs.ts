import { InvalidArgumentError, type Command } from 'commander'
import {
  runStatuses,
  type RunDetail,
  type RunMetrics,
  type RunRecord,
  type RunStatus
} from '../contract'
import { formatLayersText } from '../engine/spec'
import { optimizerLabel } from '../main/services/runs/run-name'
import { confirm, fixed, formatTable, when } from './format'
import { parseWhole } from './parse'
import { formatDuration, formatLogs } from './progress'
import { epochHistory, followRun, isActive, reportEnd, withSession } from './session'

function runsTable(runs: RunRecord[]): string {
  const rows = runs.map((run) => {
    const final = run.finalMetrics?.logs ?? {}
    return [
      run.id,
      run.status,
      run.name,
      `${run.epochsDone}/${run.epochs}`,
      fixed(final.loss),
      fixed(final.accuracy),
      fixed(final.val_loss),
      fixed(final.val_accuracy),
      fixed(run.testMetrics?.accuracy),
      formatDuration(run.trainSeconds),
      when(run.createdAt)
    ]
  })
  const headers = [
    'ID',
    'STATUS',
    'NAME',
    'EPOCHS',
    'LOSS',
    'ACC',
    'VAL_LOSS',
    'VAL_ACC',
    'TEST_ACC'
  ]
  return formatTable([...headers, 'TIME', 'CREATED'], rows)
}

/** Per-epoch columns: loss and metrics, then val_*, then the pace; epochs counted from 1. */
function historyTable(metrics: RunMetrics): string {
  const history = epochHistory(metrics)
  const keys = Object.keys(history.history)
  const tail = ['learning_rate', 'samples_per_second', 'epoch_seconds']
  const order = (key: string): number => {
    if (tail.includes(key)) return 4 + tail.indexOf(key)
    const base = key.replace(/^val_/, '')
    return (key === base ? 0 : 2) + (base === 'loss' ? 0 : 1)
  }
  keys.sort((a, b) => order(a) - order(b))
  const rows = history.epoch.map((epoch, i) => [
    epoch + 1,
    ...keys.map((key) => {
      const value = history.history[key][i]
      if (key === 'learning_rate' && Number.isFinite(value))
        return String(Number(value.toPrecision(3)))
      return fixed(value, key === 'samples_per_second' ? 0 : 4)
    })
  ])
  return formatTable(['epoch', ...keys], rows)
}

function describeRun(run: RunDetail, metrics: RunMetrics): string {
  const { spec } = run
  const layers = formatLayersText(spec.layers)
  const data = Object.entries(spec.data)
    .map(([key, value]) => (key === 'dataset' ? String(value) : `${key} ${String(value)}`))
    .join(', ')
  const lines = [
    `Run ${run.id} · ${run.name} — ${run.status}` +
      (run.stopReason ? ` (${run.stopReason})` : '') +
      (run.error ? `: ${run.error}` : ''),
    `  data      ${data}${spec.validationSplit ? `, validation split ${spec.validationSplit}` : ''}`,
    `  model     ${layers} · ${spec.loss} · metrics ${spec.metrics.join(', ') || 'none'}`,
    `  training  ${optimizerLabel(spec.optimizer)} · batch ${spec.batchSize} · ` +
      `${run.epochsDone}/${run.epochs} epochs · seed ${spec.seed}`,
    `  times     created ${when(run.createdAt)}` +
      (run.startedAt ? ` · started ${when(run.startedAt)}` : '') +
      (run.finishedAt ? ` · finished ${when(run.finishedAt)}` : '') +
      ` · ${run.trainSeconds.toFixed(1)} s training` +
      (run.engine ? ` on ${run.engine}` : '')
  ]
  if (run.bestMetrics) {
    const keys = Object.keys(run.bestMetrics.logs).filter(
      (k) => k !== 'samples_per_second' && k !== 'learning_rate'
    )
    lines.push(
      `  best      epoch ${run.bestMetrics.epoch + 1}: ${formatLogs(run.bestMetrics.logs, keys)}`
    )
  }
  if (run.testMetrics) {
    lines.push(`  test      ${formatLogs(run.testMetrics, Object.keys(run.testMetrics))}`)
  }
  if (metrics.series.length > 0) lines.push('', historyTable(metrics))
  return lines.join('\n')
}

interface ListOptions {
  status?: RunStatus
  dataset?: string
  optimizer?: string
  experiment?: number
  search?: string
  limit: number
  json?: boolean
}

function parseStatus(text: string): RunStatus {
  if (!(runStatuses as readonly string[]).includes(text)) {
    throw new InvalidArgumentError(`must be one of ${runStatuses.join(', ')}`)
  }
  return text as RunStatus
}

export function registerRuns(program: Command): void {
  const runs = program
    .command('runs')
    .description('list, inspect, resume, stop and delete training runs')

  runs
    .command('ls')
    .description('list runs, newest first')
    .option('--status <status>', `only runs in this state (${runStatuses.join(', ')})`, parseStatus)
    .option('--dataset <name>', 'only runs on this data set')
    .option('--optimizer <name>', 'only runs with this optimizer')
    .option('--experiment <id>', 'only runs of this experiment', parseWhole(1))
    .option('--search <text>', 'runs whose name, data set or optimizer contains this')
    .option('--limit <n>', 'at most this many runs', parseWhole(1), 100)
    .option('--json', 'print JSON')
    .action((opts: ListOptions) =>
      withSession(program, async (session) => {
        const list = await session.call('runs.list', {
          status: opts.status,
          dataset: opts.dataset,
          optimizer: opts.optimizer,
          experimentId: opts.experiment,
          search: opts.search,
          limit: opts.limit
        })
        if (opts.json) console.log(JSON.stringify(list, null, 2))
        else
          console.log(list.length ? runsTable(list) : 'No runs yet: train one with descent train')
      })
    )

  runs
    .command('show')
    .description('show runs: spec, status, times and the per-epoch history')
    .argument(
      '[ids...]',
      'run ids (default: the latest run, or every run of the latest experiment)',
      (id: string, ids: number[]) => [...ids, parseWhole(1)(id)],
      []
    )
    .option('--experiment <id>', 'every run of this experiment', parseWhole(1))
    .option('--json', 'print JSON (each run with its history)')
    .action((ids: number[], opts: { experiment?: number; json?: boolean }) =>
      withSession(program, async (session) => {
        let wanted = [...ids]
        if (opts.experiment !== undefined) {
          const list = await session.call('runs.list', { experimentId: opts.experiment })
          wanted.push(...list.map((r) => r.id).reverse())
        } else if (wanted.length === 0) {
          // The latest run — and, when it belongs to a comparison or sweep, all of its runs.
          const [latest] = await session.call('runs.list', { limit: 1 })
          if (!latest) throw new Error('there are no runs yet')
          const family = latest.experimentId
            ? await session.call('runs.list', { experimentId: latest.experimentId })
            : [latest]
          wanted = family.map((r) => r.id).reverse()
        }
        const shown = await Promise.all(
          wanted.map(async (id) => {
            const run = await session.call('runs.get', { id })
            const metrics = await session.call('runs.metrics', { id, granularity: 'epoch' })
            return { run, metrics }
          })
        )
        if (opts.json) {
          console.log(
            JSON.stringify(
              shown.map(({ run, metrics }) => ({ ...run, history: epochHistory(metrics) })),
              null,
              2
            )
          )
        } else {
          console.log(shown.map(({ run, metrics }) => describeRun(run, metrics)).join('\n\n'))
        }
      })
    )

  runs
    .command('resume')
    .description('continue a stopped or interrupted run from its last epoch (or a paused one)')
    .argument('<id>', 'run id', parseWhole(1))
    .action((id: number) =>
      withSession(program, async (session) => {
        const started = performance.now()
        const before = await session.call('runs.get', { id })
        console.log(
          `Resuming run ${id} (${before.name}) at epoch ${before.epochsDone + 1}/${before.epochs}`
        )
        const live = process.stderr.isTTY ? process.stderr : null
        const print = (line: string): void => console.log(line)
        const run = await followRun(session, () => session.call('runs.resume', { id }), {
          print,
          live
        })
        if (!isActive(run.status)) reportEnd(run, (performance.now() - started) / 1000, print)
        else console.log(`Run ${id} is ${run.status} in process ${run.ownerPid}`)
      })
    )

  runs
    .command('stop')
    .description('stop a run after its current batch, whichever process trains it')
    .argument('<id>', 'run id', parseWhole(1))
    .option('--wait <seconds>', 'how long to wait for it to stop', parseWhole(0), 60)
    .action((id: number, opts: { wait: number }) =>
      withSession(program, async (session) => {
        await session.call('runs.stop', { id })
        const deadline = Date.now() + opts.wait * 1000
        let run = await session.call('runs.get', { id })
        while (isActive(run.status) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200))
          run = await session.call('runs.get', { id })
        }
        if (isActive(run.status)) console.log(`Asked run ${id} to stop; it is still ${run.status}`)
        else console.log(`Run ${id} ${run.status}${run.stopReason ? ` (${run.stopReason})` : ''}`)
      })
    )

  runs
    .command('rm')
    .description('delete a run with its metrics and checkpoints')
    .argument('<id>', 'run id', parseWhole(1))
    .option('-y, --yes', 'do not ask for confirmation')
    .action((id: number, opts: { yes?: boolean }) =>
      withSession(program, async (session) => {
        const run = await session.call('runs.get', { id })
        if (!opts.yes) {
          if (!process.stdin.isTTY)
            throw new Error(`deleting run ${id} needs --yes when not asked at a terminal`)
          if (!(await confirm(`Delete run ${id} (${run.name}, ${run.status}) and its metrics?`)))
            return
        }
        await session.call('runs.delete', { id })
        console.log(`Deleted run ${id}`)
      })
    )
}
