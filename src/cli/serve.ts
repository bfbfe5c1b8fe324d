import { InvalidArgumentError, type Command } from 'commander'
import { join } from 'node:path'
import { createDispatch, createHandlers } from '../main/api/handlers'
import { createContext } from '../main/context'
import { runnerOf } from '../main/services/runs/runner-registry'
import { startWebHost } from '../main/web/host'

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('--port must be an integer from 0 to 65535')
  }
  return port
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the workbench to a browser on this machine (127.0.0.1), guarded by a session token'
    )
    .option('-p, --port <port>', 'port to listen on (0 = any free port)', parsePort, 0)
    .option('--host <host>', 'loopback address to bind', '127.0.0.1')
    .action(async (opts: { port: number; host: string }) => {
      if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host)) {
        throw new Error(
          `--host must be a loopback address (127.0.0.1, localhost or ::1), got ${opts.host}`
        )
      }
      const ctx = createContext({
        runtime: 'node',
        dataFolder: program.opts<{ data?: string }>().data
      })
      const host = await startWebHost({
        dispatch: createDispatch(createHandlers(ctx)),
        events: ctx.events,
        rendererDir: join(__dirname, '../renderer'),
        port: opts.port,
        host: opts.host
      })
      console.log(`Descent is serving the workbench at ${host.url}`)
      console.log(`Data folder: ${ctx.dataFolder}`)
      console.log('Press Ctrl+C to stop.')
      let stopping = false
      const stop = async (signal: string): Promise<void> => {
        if (stopping) return
        stopping = true
        console.log(`\n${signal}: shutting down`)
        await host.close()
        // Running jobs stop after their current batch and keep a resumable checkpoint.
        await runnerOf(ctx).shutdown()
        ctx.close()
        process.exit(0)
      }
      process.on('SIGINT', () => void stop('SIGINT'))
      process.on('SIGTERM', () => void stop('SIGTERM'))
    })
}
