import { InvalidArgumentError, type Command } from 'commander'
import type { TrainingSettings } from '../contract/app'
import { parseWhole } from './parse'
import { withSession } from './session'

/**
 * A thread count, or "auto": the cores shared evenly by the runs at once. (Kept as the word:
 * commander turns a parser's null into an empty string.)
 */
function parseThreads(text: string): number | 'auto' {
  if (text === 'auto') return text
  try {
    return parseWhole(1)(text)
  } catch {
    throw new InvalidArgumentError('must be a whole number ≥ 1, or auto')
  }
}

/** `descent settings`: how training runs share the cores; flags change it for later runs. */
export function registerSettings(program: Command): void {
  program
    .command('settings')
    .description('show or set how training runs share the cores (applies to runs started later)')
    .option('--runs-at-once <n>', 'runs that train at once; others wait', parseWhole(1))
    .option('--threads <n>', 'threads per run, or auto (the cores ÷ runs at once)', parseThreads)
    .option('--json', 'print JSON')
    .action((opts: { runsAtOnce?: number; threads?: number | 'auto'; json?: boolean }) =>
      withSession(program, async ({ call: api }) => {
        const { runsAtOnce: concurrency, threads } = opts
        const settings =
          concurrency !== undefined || threads !== undefined
            ? await api('app.setTraining', {
                concurrency,
                threads: threads === 'auto' ? null : threads
              })
            : await api('app.training', {})
        if (opts.json) console.log(JSON.stringify(settings, null, 2))
        else printSettings(settings)
      })
    )
}

function printSettings(settings: TrainingSettings): void {
  const automatic = settings.threads === null ? ' (auto)' : ''
  console.log(`cores          ${settings.cores}`)
  console.log(`runs at once   ${settings.concurrency}`)
  console.log(`threads a run  ${settings.threadsPerRun}${automatic}`)
  console.log(`engine         ${settings.engineBackend}`)
}
