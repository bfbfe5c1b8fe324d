import { Option, type Command } from 'commander'
import type { RunSpec } from '../contract'
import type { Dataset } from '../engine/data'
import { buildModel, defaultMetrics, suggestedOutput } from '../engine/spec'
import { importedDatasets } from '../main/datasets/imported-store'
import { loadTrainingData, type DataSource } from '../main/datasets/training-data'
import {
  parseFraction,
  parseLayers,
  parseNumber,
  parseOptimizer,
  parseWhole,
  type OptimizerArg
} from './parse'
import { epochHistory, followRun, openSession, reportEnd } from './runs'

interface TrainOptions {
  dataset: string
  labels?: string
  test?: string
  testLabels?: string
  layers?: ReturnType<typeof parseLayers>
  optimizer: OptimizerArg
  lr?: number
  momentum?: number
  rho?: number
  beta1?: number
  beta2?: number
  epsilon?: number
  nesterov?: boolean
  centered?: boolean
  amsgrad?: boolean
  weightDecay?: number
  clipnorm?: number
  clipvalue?: number
  loss?: string
  metrics?: string
  epochs: number
  batchSize: number
  validationSplit?: number
  seed: number
  limit?: number
  samples?: number
  save?: string
  json?: boolean
}

/** The optimizer flags (--lr, --momentum, …) folded into the --optimizer spec; flags win. */
function optimizerConfig(opts: TrainOptions): OptimizerArg {
  const flags: Record<string, number | boolean | undefined> = {
    learning_rate: opts.lr,
    momentum: opts.momentum,
    rho: opts.rho,
    beta_1: opts.beta1,
    beta_2: opts.beta2,
    epsilon: opts.epsilon,
    nesterov: opts.nesterov,
    centered: opts.centered,
    amsgrad: opts.amsgrad,
    weight_decay: opts.weightDecay,
    clipnorm: opts.clipnorm,
    clipvalue: opts.clipvalue
  }
  const config = { ...opts.optimizer.config }
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) config[key] = value
  return { name: opts.optimizer.name, config }
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train a network, recorded as a run, and report test loss and accuracy')
    .option(
      '-d, --dataset <name|path>',
      'mnist, a synthetic set (spiral, circles, xor, moons, blobs, sine, cubic) or a CSV / IDX file',
      'mnist'
    )
    .option('--labels <file>', 'the IDX labels file for an IDX images --dataset')
    .option('--test <file>', 'a separate test set (CSV, or IDX images with --test-labels)')
    .option('--test-labels <file>', 'the IDX labels file for --test')
    .option(
      '-l, --layers <spec>',
      'layers as units:activation, e.g. 512:relu,128:relu,10:softmax (dropout:0.2 adds Dropout)',
      parseLayers
    )
    .option(
      '-o, --optimizer <spec>',
      'sgd | rmsprop | adam | adamw | nadam | adagrad | adadelta, with hyperparameters after a colon: sgd:lr=0.01,momentum=0.9',
      parseOptimizer,
      parseOptimizer('rmsprop')
    )
    .option('--lr <rate>', 'learning rate', parseNumber)
    .option('--momentum <m>', 'momentum (sgd, rmsprop)', parseNumber)
    .option('--rho <rho>', 'decay of the squared-gradient average (rmsprop, adadelta)', parseNumber)
    .option('--beta1 <b>', 'first-moment decay (adam family)', parseNumber)
    .option('--beta2 <b>', 'second-moment decay (adam family)', parseNumber)
    .option('--epsilon <eps>', 'numerical stability constant', parseNumber)
    .option('--nesterov', 'Nesterov momentum (sgd)')
    .option('--centered', 'centered RMSprop')
    .option('--amsgrad', 'AMSGrad variant (adam, adamw)')
    .option('--weight-decay <wd>', 'decoupled weight decay', parseNumber)
    .option('--clipnorm <n>', 'clip each gradient to this norm', parseNumber)
    .option('--clipvalue <v>', 'clip gradient values to ±v', parseNumber)
    .option('--loss <name>', 'loss (default: suggested from the task and output layer)')
    .option(
      '--metrics <names>',
      'comma-separated metrics (default: accuracy, or mae for regression)'
    )
    .option('-e, --epochs <n>', 'epochs', parseWhole(1), 5)
    .option(
      '-b, --batch-size <n>',
      'samples per update: 1 = true SGD, ≥ the data size = full batch',
      parseWhole(1),
      32
    )
    .option(
      '--validation-split <fraction>',
      'hold out the last fraction of the training data for validation',
      parseFraction
    )
    .option('-s, --seed <n>', 'seed for initialisation, shuffling and dropout', parseWhole(0), 1)
    .option('--limit <n>', 'use only the first n training samples', parseWhole(1))
    .addOption(
      new Option('--samples <n>', 'samples of a synthetic data set').argParser(parseWhole(1))
    )
    .option(
      '--save <folder>',
      'save the trained model (TF.js Layers format: model.json + weights.bin)'
    )
    .option('--json', 'print one JSON object with the history and test metrics at the end')
    .action(async (opts: TrainOptions) => {
      if (opts.save) throw new Error('--save is not available yet')
      const log = opts.json
        ? (line: string) => process.stderr.write(line + '\n')
        : (line: string) => console.log(line)
      const session = openSession(program)
      try {
        const source = dataSource(opts)
        const data = loadTrainingData(
          source,
          importedDatasets(session.ctx.db, session.ctx.dataFolder)
        )
        const spec = trainingSpec(opts, data.train)
        const model = buildModel(spec, data.train)
        log(data.description)
        if (!opts.json) log(model.summary())
        const started = performance.now()
        const live = opts.json || !process.stderr.isTTY ? null : process.stderr
        const run = await followRun(
          session,
          () => session.call('runs.create', { spec: { ...spec, data: source } }),
          { print: log, live }
        )
        const wallSeconds = (performance.now() - started) / 1000
        reportEnd(run, wallSeconds, log)
        if (opts.json) {
          const metrics = await session.call('runs.metrics', { id: run.id, granularity: 'epoch' })
          console.log(
            JSON.stringify({
              runId: run.id,
              status: run.status,
              dataset: data.train.name,
              spec: run.spec,
              params: model.countParams(),
              history: epochHistory(metrics),
              test: run.testMetrics,
              trainSeconds: run.trainSeconds,
              wallSeconds
            })
          )
        }
      } finally {
        await session.close()
      }
    })
}

function dataSource(opts: TrainOptions): DataSource {
  return {
    dataset: opts.dataset,
    labels: opts.labels,
    test: opts.test,
    testLabels: opts.testLabels,
    limit: opts.limit,
    samples: opts.samples,
    seed: opts.seed
  }
}

/** The flags as a training spec, with the output layer, loss and metrics the task suggests. */
function trainingSpec(opts: TrainOptions, train: Dataset): Omit<RunSpec, 'data'> {
  const output = suggestedOutput(train.task, train.targetDim)
  return {
    layers: opts.layers ?? [
      { kind: 'dense', units: 128, activation: 'relu' },
      { kind: 'dense', units: output.units, activation: output.activation }
    ],
    loss: opts.loss ?? output.loss,
    metrics: opts.metrics
      ? opts.metrics.split(',').map((m) => m.trim())
      : defaultMetrics(train.task),
    optimizer: optimizerConfig(opts),
    epochs: opts.epochs,
    batchSize: opts.batchSize,
    seed: opts.seed,
    validationSplit: opts.validationSplit
  }
}
