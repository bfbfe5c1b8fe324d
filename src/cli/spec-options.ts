import { Option, type Command } from 'commander'
import type { RunSpec } from '../contract'
import type { Dataset } from '../engine/data'
import { defaultMetrics, suggestedOutput } from '../engine/spec'
import type { DataSource } from '../main/datasets/training-data'
import { parseFraction, parseLayers, parseNumber, parseWhole, type OptimizerArg } from './parse'

/**
 * The flags that describe a training run, shared by train, compare and sweep: the data, the
 * model, the training loop and the optimizer's hyperparameters.
 */
export interface SpecOptions {
  dataset: string
  labels?: string
  test?: string
  testLabels?: string
  limit?: number
  samples?: number
  layers?: ReturnType<typeof parseLayers>
  loss?: string
  metrics?: string
  epochs: number
  batchSize: number
  validationSplit?: number
  seed: number
}

export function addSpecOptions(command: Command): Command {
  return command
    .option(
      '-d, --dataset <name|path>',
      'mnist, a synthetic set (spiral, circles, xor, moons, blobs, sine, cubic), an imported set, or a CSV / IDX file',
      'mnist'
    )
    .option('--labels <file>', 'the IDX labels file for an IDX images --dataset')
    .option('--test <file>', 'a separate test set (CSV, or IDX images with --test-labels)')
    .option('--test-labels <file>', 'the IDX labels file for --test')
    .option('--limit <n>', 'use only the first n training samples', parseWhole(1))
    .addOption(
      new Option('--samples <n>', 'samples of a synthetic data set').argParser(parseWhole(1))
    )
    .option(
      '-l, --layers <spec>',
      'layers as units:activation, e.g. 512:relu,128:relu,10:softmax (dropout:0.2 adds Dropout)',
      parseLayers
    )
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
}

/** Hyperparameter flags (--lr, --momentum, …) and the Keras config keys they set. */
const hyperparameterFlags = {
  lr: ['--lr <rate>', 'learning rate', 'learning_rate'],
  momentum: ['--momentum <m>', 'momentum (sgd, rmsprop)', 'momentum'],
  rho: ['--rho <rho>', 'decay of the squared-gradient average (rmsprop, adadelta)', 'rho'],
  beta1: ['--beta1 <b>', 'first-moment decay (adam family)', 'beta_1'],
  beta2: ['--beta2 <b>', 'second-moment decay (adam family)', 'beta_2'],
  epsilon: ['--epsilon <eps>', 'numerical stability constant', 'epsilon'],
  weightDecay: ['--weight-decay <wd>', 'decoupled weight decay', 'weight_decay'],
  clipnorm: ['--clipnorm <n>', 'clip each gradient to this norm', 'clipnorm'],
  clipvalue: ['--clipvalue <v>', 'clip gradient values to ±v', 'clipvalue']
} as const
const switchFlags = {
  nesterov: ['--nesterov', 'Nesterov momentum (sgd)', 'nesterov'],
  centered: ['--centered', 'centered RMSprop', 'centered'],
  amsgrad: ['--amsgrad', 'AMSGrad variant (adam, adamw)', 'amsgrad']
} as const

/** The hyperparameter flags; `withLearningRate: false` leaves --lr to the command (sweep's grid). */
export function addHyperparameterOptions(command: Command, withLearningRate = true): Command {
  for (const [name, [flag, description]] of Object.entries(hyperparameterFlags)) {
    if (name !== 'lr' || withLearningRate) command.option(flag, description, parseNumber)
  }
  for (const [flag, description] of Object.values(switchFlags)) command.option(flag, description)
  return command
}

/** The hyperparameter flags given, folded over an optimizer's own settings; flags win. */
export function withHyperparameters(
  optimizer: OptimizerArg,
  opts: Record<string, unknown>
): OptimizerArg {
  const config = { ...optimizer.config }
  for (const [name, [, , key]] of [
    ...Object.entries(hyperparameterFlags),
    ...Object.entries(switchFlags)
  ]) {
    const value = opts[name]
    if (typeof value === 'number' || typeof value === 'boolean') config[key] = value
  }
  return { name: optimizer.name, config }
}

export function dataSource(opts: SpecOptions): DataSource {
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

/** The flags as a run spec without its optimizer; the output layer, loss and metrics suggested from the task. */
export function baseSpec(opts: SpecOptions, train: Dataset): Omit<RunSpec, 'optimizer'> {
  const output = suggestedOutput(train.task, train.targetDim)
  return {
    data: dataSource(opts),
    layers: opts.layers ?? [
      { kind: 'dense', units: 128, activation: 'relu' },
      { kind: 'dense', units: output.units, activation: output.activation }
    ],
    loss: opts.loss ?? output.loss,
    metrics: opts.metrics
      ? opts.metrics.split(',').map((m) => m.trim())
      : defaultMetrics(train.task),
    epochs: opts.epochs,
    batchSize: opts.batchSize,
    seed: opts.seed,
    ...(opts.validationSplit === undefined ? {} : { validationSplit: opts.validationSplit })
  }
}
