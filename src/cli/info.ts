import type { Command } from 'commander'
import { createDispatch, createHandlers } from '../main/api/handlers'
import { createContext } from '../main/context'

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('show the version, engine backend, data folder and database path')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const ctx = createContext({
        runtime: 'node',
        dataFolder: program.opts<{ data?: string }>().data
      })
      try {
        const info = (await createDispatch(createHandlers(ctx))('app.info', {})) as Record<
          string,
          unknown
        >
        if (opts.json) console.log(JSON.stringify(info, null, 2))
        else
          for (const [key, value] of Object.entries(info))
            console.log(`${key.padEnd(14)} ${String(value)}`)
      } finally {
        ctx.close()
      }
    })
}
