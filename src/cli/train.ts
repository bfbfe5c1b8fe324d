import type { Command } from 'commander'
import { buildModel } from '../engine/spec'
import { importedDatasets } from '../main/datasets/imported-store'
import { loadTrainingData } from '../main/datasets/training-data'
import { exportModel } from './models'
import { parseOptimizer, type OptimizerArg } from './parse'
import { epochHistory, followRun, openSession, reportEnd } from './session'
import {
  addHyperparameterOptions,
  addSpecOptions,
  baseSpec,
  dataSource,
  withHyperparameters,
  type SpecOptions
} from './spec-options'

interface TrainOptions extends SpecOptions {
  optimizer: OptimizerArg
  save?: string
  json?: boolean
}

export function registerTrain(program: Command): void {
  const command = program
    .command('train')
    .description('train a network, recorded as a run, and report test loss and accuracy')
  addSpecOptions(command).option(
    '-o, --optimizer <spec>',
    'sgd | rmsprop | adam | adamw | nadam | adagrad | adadelta, with hyperparameters after a colon: sgd:lr=0.01,momentum=0.9',
    parseOptimizer,
    parseOptimizer('rmsprop')
  )
  addHyperparameterOptions(command)
    .option(
      '--save <folder>',
      'save the trained model to the library and as TF.js Layers files (model.json + weights.bin) in this folder'
    )
    .option('--json', 'print one JSON object with the history and test metrics at the end')
    .action(async (opts: TrainOptions) => {
      const log = opts.json
        ? (line: string) => process.stderr.write(line + '\n')
        : (line: string) => console.log(line)
      const session = openSession(program)
      try {
        const data = loadTrainingData(
          dataSource(opts),
          importedDatasets(session.ctx.db, session.ctx.dataFolder)
        )
        const spec = {
          ...baseSpec(opts, data.train),
          optimizer: withHyperparameters(opts.optimizer, opts as unknown as Record<string, unknown>)
        }
        const model = buildModel(spec, data.train)
        log(data.description)
        if (!opts.json) log(model.summary())
        const started = performance.now()
        const live = opts.json || !process.stderr.isTTY ? null : process.stderr
        const run = await followRun(session, () => session.call('runs.create', { spec }), {
          print: log,
          live
        })
        const wallSeconds = (performance.now() - started) / 1000
        reportEnd(run, wallSeconds, log)
        let savedModelId: number | null = null
        if (opts.save) {
          savedModelId = (
            await session.call('models.saveFromRun', { runId: run.id, which: 'final' })
          ).id
          await exportModel(session, savedModelId, opts.save)
          log(`Saved the model as model ${savedModelId} in the library and to ${opts.save}`)
        }
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
              wallSeconds,
              savedModelId
            })
          )
        }
      } finally {
        await session.close()
      }
    })
}
