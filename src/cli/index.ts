import { Command } from 'commander'
import { version } from '../../package.json'
import { registerData } from './data'
import { registerExperiments } from './experiments'
import { registerInfo } from './info'
import { registerModels } from './models'
import { registerRuns } from './runs'
import { registerServe } from './serve'
import { registerSettings } from './settings'
import { registerTrain } from './train'

/** `descent`: the command line over the same services and database as the desktop app. */
export function buildProgram(): Command {
  const program = new Command()
    .name('descent')
    .description('Train neural networks by gradient descent — offline, from the command line.')
    .version(version, '-v, --version', 'print the Descent version')
    .option('--data <folder>', 'data folder (default: $DESCENT_HOME or the desktop app’s folder)')
    .showHelpAfterError()
  registerTrain(program)
  registerExperiments(program)
  registerRuns(program)
  registerServe(program)
  registerInfo(program)
  registerSettings(program)
  registerModels(program)
  registerData(program)
  return program
}

export async function run(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv)
}
