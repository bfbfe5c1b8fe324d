import type { AppContext } from '../context'
import type { HandlerTable } from '../api/handlers'
import { setTrainingSettings, trainingSettings } from './app/training-settings'
import { runnerOf } from './runs/runner-registry'

export function appHandlers(
  ctx: AppContext
): Pick<HandlerTable, 'app.ping' | 'app.info' | 'app.training' | 'app.setTraining'> {
  return {
    'app.ping': (input) => ({ pong: true, echo: input.echo, time: Date.now() }),
    'app.info': () => {
      // Training runs in worker threads: report the kernels they use, not this thread's.
      const backend = runnerOf(ctx).kernelBackend()
      return {
        name: 'Descent',
        version: ctx.version,
        runtime: ctx.runtime,
        engineBackend: backend.name,
        threads: backend.threads,
        dataFolder: ctx.dataFolder,
        databasePath: ctx.databasePath,
        nodeVersion: process.versions.node,
        platform: `${process.platform}-${process.arch}`
      }
    },
    'app.training': () => trainingSettings(ctx),
    'app.setTraining': (input) => setTrainingSettings(ctx, input)
  }
}
