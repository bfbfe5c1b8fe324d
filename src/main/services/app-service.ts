import type { AppContext } from '../context'
import type { HandlerTable } from '../api/handlers'

export function appHandlers(ctx: AppContext): Pick<HandlerTable, 'app.ping' | 'app.info'> {
  return {
    'app.ping': (input) => ({ pong: true, echo: input.echo, time: Date.now() }),
    'app.info': () => {
      const backend = ctx.engineBackend()
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
    }
  }
}
