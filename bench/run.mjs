// `npm run bench`: the whole comparison in one run, printed as tables and written to
// bench/results/latest.json.
//   1. GEMM GFLOP/s on the MNIST shapes: bench/gemm.mjs (TypeScript reference, WASM on one thread
//      and on every core, fractions of the fp32 peak).
//   2. MNIST 784-512-128-10, RMSprop, batch 128: one epoch each of Descent (1 and N threads, the
//      real CLI), PyTorch (1 and N threads, when /usr/bin/python3 has torch) and TF.js (wasm and
//      cpu backends; cpu timed over a few steps and extrapolated): epoch seconds, samples/s,
//      peak RSS, test accuracy, and Descent's time over each one's.
//   3. The same for a small model, 784-64-10 batch 32, where per-step overheads dominate.
// Each training run is a fresh process; contestants are interleaved run by run (A B C … A B C …)
// because two-thread timings on these hosts are bimodal; each cell is the median of --runs.
// Descent runs a second time on every core with zero-depth skipping off (gemm computes every
// depth, as dense BLAS does): the kernels' own speed on MNIST, beside the app's.
// Flags: --runs R (5)  --gemm-runs G (11)
//        --skip gemm,mnist,small,descent-1,descent-every-depth,torch,tfjs-wasm,tfjs-cpu
//        --tfjs-steps S (time every TF.js run over S steps and extrapolate; 0: whole epochs)
//        --allow-any-blas (measure PyTorch on a reference/pthread BLAS, flagged)  --no-build
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ensureBuilt, snapshotApp } from './lib/build.mjs'
import { benchRoot } from './lib/child.mjs'
import { descentContestant } from './lib/descent.mjs'
import { median, sig, table, thousands } from './lib/format.mjs'
import { runGemm } from './lib/gemm.mjs'
import { checkTargets } from './lib/targets.mjs'
import { tfjsContestant } from './lib/tfjs.mjs'
import { describeBlas, torchContestant } from './lib/torch.mjs'

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'gemm-runs': { type: 'string', default: '11' },
    skip: { type: 'string', default: '' },
    'tfjs-steps': { type: 'string' },
    'allow-any-blas': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' }
  }
})
if (opts.help) {
  // The usage is this file's opening comment.
  const usage = readFileSync(fileURLToPath(import.meta.url), 'utf8').match(/^(\/\/.*\n)+/)[0]
  process.stdout.write(usage.replace(/^\/\/ ?/gm, ''))
  process.exit(0)
}
const RUNS = Number(opts.runs)
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs takes a whole number ≥ 1')
const skip = new Set(opts.skip.split(',').filter(Boolean))
const cores = availableParallelism()
const TRAIN_SAMPLES = 60000

const CASES = [
  {
    key: 'mnist',
    title: 'MNIST 784-512-128-10, RMSprop, batch 128 (469 steps an epoch)',
    hidden: [512, 128],
    batch: 128,
    // TF.js cpu takes ~200 s an epoch: timed over 40 steps after 3 warm-up steps, extrapolated.
    tfjsSteps: { wasm: 0, cpu: 40 }
  },
  {
    key: 'small',
    title: 'Small model 784-64-10, RMSprop, batch 32 (1875 steps an epoch): overheads dominate',
    hidden: [64],
    batch: 32,
    tfjsSteps: { wasm: 0, cpu: 300 }
  }
]

const log = (line) => process.stderr.write(`${line}\n`)
const out = (text = '') => process.stdout.write(`${text}\n`)
const load = () => loadavg().map((x) => x.toFixed(1))
const started = performance.now()

function machine() {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? '?'
  const git = (args) => execFileSync('git', args, { cwd: benchRoot, encoding: 'utf8' }).trim()
  let commit = '?'
  try {
    const dirty = git(['status', '--porcelain', '--', 'src', 'scripts']) !== ''
    commit = `${git(['rev-parse', '--short', 'HEAD'])}${dirty ? ' + uncommitted changes' : ''}`
  } catch {
    // not a git checkout: the commit stays unknown
  }
  return { cpu, cores, node: process.versions.node, commit }
}

async function contestants(cli) {
  const list = [await descentContestant({ cli, threads: cores, cores })]
  if (!skip.has('descent-every-depth')) {
    list.push(await descentContestant({ cli, threads: cores, cores, everyDepth: true }))
  }
  if (!skip.has('descent-1') && cores > 1) {
    list.push(await descentContestant({ cli, threads: 1, cores }))
  }
  if (!skip.has('torch')) {
    const allowAnyBlas = opts['allow-any-blas']
    for (const threads of cores > 1 ? [cores, 1] : [1]) {
      const torch = await torchContestant({ threads, allowAnyBlas })
      list.push(
        torch.missing ? { key: `torch-${threads}`, label: 'PyTorch', threads, ...torch } : torch
      )
    }
  }
  for (const backend of ['wasm', 'cpu']) {
    if (skip.has(`tfjs-${backend}`)) continue
    const override = opts['tfjs-steps']
    const steps = (model) => (override != null ? Number(override) : model.tfjsSteps[backend])
    list.push(tfjsContestant({ backend, steps }))
  }
  return list
}

/** Every contestant `RUNS` times on `model`, interleaved; one summary row each. */
async function measure(model, list) {
  const samples = new Map(list.map((c) => [c.key, []]))
  const errors = new Map()
  for (let run = 1; run <= RUNS; run++) {
    for (const c of list.filter((c) => !c.missing)) {
      const loadBefore = loadavg()[0]
      try {
        const sample = { ...(await c.run(model)), load: loadBefore }
        samples.get(c.key).push(sample)
        log(`[${model.key} ${run}/${RUNS}] ${c.label}: ${sig(sample.epochSeconds)} s an epoch`)
      } catch (err) {
        errors.set(c.key, err.message.split('\n')[0])
        log(`[${model.key} ${run}/${RUNS}] ${c.label} FAILED: ${err.message}`)
      }
    }
  }
  return list.map((c) => summarize(c, samples.get(c.key), errors.get(c.key)))
}

function summarize(c, samples, error) {
  const row = {
    key: c.key,
    label: c.label,
    threads: c.threads,
    fair: c.fair,
    runs: samples.length,
    samples
  }
  if (c.missing || samples.length === 0) return { ...row, note: c.missing ?? `failed: ${error}` }
  const seconds = median(samples.map((s) => s.epochSeconds))
  const accuracies = samples.map((s) => s.testAccuracy).filter((a) => a != null)
  const first = samples[0]
  const notes = [
    first.extrapolated ? `×${first.stepsPerEpoch}/${first.stepsTimed} steps, extrapolated` : '',
    first.note ?? '',
    c.blas ? `BLAS ${c.blas.kind}` : '',
    error ? `${RUNS - samples.length} run(s) failed: ${error}` : ''
  ]
  return {
    ...row,
    medianSeconds: seconds,
    bestSeconds: Math.min(...samples.map((s) => s.epochSeconds)),
    samplesPerSecond: TRAIN_SAMPLES / seconds,
    peakRssMb: Math.max(...samples.map((s) => s.maxRssKb)) / 1024,
    testAccuracy: accuracies.length ? median(accuracies) : null,
    note: notes.filter(Boolean).join('; ')
  }
}

function printCase(model, rows) {
  const descent = (key) => rows.find((r) => r.key === key)?.medianSeconds
  const [oneThread, allThreads] = [descent('descent-1'), descent(`descent-n`)]
  const ratio = (mine, row) =>
    mine && row.medianSeconds ? `${sig(mine / row.medianSeconds, 2)}` : '—'
  out(`${model.title}: median of ${RUNS} run${RUNS > 1 ? 's' : ''} each, interleaved`)
  out(
    table(
      [
        'contestant',
        'threads',
        'epoch s',
        'best s',
        'samples/s',
        'peak RSS MB',
        'test acc',
        'D1/this',
        `D${cores}/this`,
        'note'
      ],
      rows.map((r) =>
        r.medianSeconds == null
          ? [r.label, r.threads, '—', '—', '—', '—', '—', '—', '—', r.note]
          : [
              r.label,
              r.threads,
              sig(r.medianSeconds),
              sig(r.bestSeconds),
              thousands(r.samplesPerSecond),
              thousands(r.peakRssMb),
              r.testAccuracy == null ? '—' : r.testAccuracy.toFixed(4),
              ratio(oneThread, r),
              ratio(allThreads, r),
              r.note
            ]
      )
    )
  )
  const [torchAll, torchOne] = [`torch-${cores}`, 'torch-1'].map((key) =>
    rows.find((r) => r.key === key)
  )
  if (cores > 1 && torchAll?.medianSeconds > torchOne?.medianSeconds) {
    out(
      `⚠ PyTorch on ${cores} threads was slower than on 1: the host is oversubscribed (its OpenMP ` +
        'threads wait at every barrier for peers the host has descheduled). Its 1-thread time is the anchor.'
    )
  }
  out(
    `D1/this, D${cores}/this: Descent's epoch time (1 thread, ${cores} threads) ÷ this one's ` +
      '(below 1: Descent is faster). Peak RSS: the largest of the runs. Test accuracy after one epoch.'
  )
  out()
}

const info = machine()
const startLoad = load()
out(`Descent bench, ${new Date().toISOString()}`)
out(`${info.cpu}, ${cores} cores, Node ${info.node}, commit ${info.commit}`)
out(
  `Load average at the start: ${startLoad.join(' ')} (1/5/15 min). These machines are shared ` +
    'and noisy: other work skews every number; compare ratios within one run.'
)
const buildNote = ensureBuilt({ build: !opts['no-build'], log })
const app = snapshotApp()
process.on('exit', app.remove)
process.on('SIGINT', () => process.exit(130))
if (loadavg()[0] > 0.75 * cores) {
  out(
    `⚠ The machine is busy (load ${startLoad[0]} on ${cores} cores): expect slow, scattered timings.`
  )
}
out(`Engine: ${buildNote}. Training runs: ${RUNS} per contestant and case.`)
out()

const results = { date: new Date().toISOString(), machine: info, load: { start: startLoad } }
results.options = { runs: RUNS, gemmRuns: Number(opts['gemm-runs']), skip: [...skip] }

if (!skip.has('gemm')) {
  log('bench: GEMM (bench/gemm.mjs)…')
  results.gemm = runGemm({ runs: opts['gemm-runs'] })
  out(results.gemm.text.trimEnd())
  out()
}

const models = CASES.filter((model) => !skip.has(model.key))
if (models.length) {
  const list = await contestants(app.cli)
  const torch = list.find((c) => c.blas)
  if (torch)
    out(`PyTorch BLAS: ${describeBlas(torch.blas)}${torch.fair ? '' : '  ⚠ NOT A FAIR ANCHOR'}`)
  out()
  for (const model of models) {
    results[model.key] = await measure(model, list)
    printCase(model, results[model.key])
  }
}

results.targets = checkTargets({ gemm: results.gemm, mnist: results.mnist })
if (results.targets.length) {
  out('Targets (from this run)')
  for (const t of results.targets) out(`  ${t.verdict.padEnd(4)}  ${t.target}: ${t.value}`)
  out()
}
results.load.end = load()
results.minutes = (performance.now() - started) / 60000
out(
  `Load average at the end: ${results.load.end.join(' ')}; the bench took ${results.minutes.toFixed(1)} min.`
)

// Formatted as the repository's Prettier would, so that a committed copy passes `npm run lint`.
const prettier = await import('prettier')
const resultsFile = fileURLToPath(new URL('results/latest.json', import.meta.url))
mkdirSync(dirname(resultsFile), { recursive: true })
const prettierOptions = await prettier.resolveConfig(resultsFile)
writeFileSync(
  resultsFile,
  await prettier.format(JSON.stringify(results), { ...prettierOptions, filepath: resultsFile })
)
log('bench: wrote bench/results/latest.json')
