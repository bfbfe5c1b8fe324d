/** Running the CLI inside the test process, over folders made for the test and removed after it. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Command } from 'commander'
import { afterEach, beforeEach, vi } from 'vitest'
import { buildProgram } from '../../src/cli'

/** Makes the program and its subcommands throw instead of exiting, writing where they are told. */
export function captureOutput(
  command: Command,
  writeOut: (text: string) => void = () => {},
  writeErr: (text: string) => void = () => {}
): void {
  command.exitOverride().configureOutput({ writeOut, writeErr })
  command.commands.forEach((sub) => captureOutput(sub, writeOut, writeErr))
}

export interface InProcessCli {
  /** This test's data folder. */
  readonly folder: string
  /** Runs `descent --data <folder> …args`; resolves with what it printed (console.log lines). */
  descent(...args: string[]): Promise<string>
}

/** Each test of the file gets a fresh data folder (named from `prefix`) and the CLI over it. */
export function inProcessCli(prefix: string): InProcessCli {
  let folder = ''
  let output: string[] = []
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), prefix))
    output = []
    vi.spyOn(console, 'log').mockImplementation(
      (...args: unknown[]) => void output.push(args.join(' '))
    )
  })
  afterEach(() => {
    vi.restoreAllMocks()
    rmSync(folder, { recursive: true, force: true })
  })
  return {
    get folder() {
      return folder
    },
    async descent(...args) {
      output = []
      const program = buildProgram()
      captureOutput(program)
      await program.parseAsync(['--data', folder, ...args], { from: 'user' })
      return output.join('\n')
    }
  }
}
