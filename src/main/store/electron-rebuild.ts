import { execFile } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { dirname, join } from 'node:path'

export type CommandRunner = (
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv
) => Promise<void>

export interface RebuildRequest {
  /** Where the Electron-ABI better_sqlite3.node must end up (see native-binding.ts). */
  target: string
  /** The project root, holding node_modules/better-sqlite3 and node_modules/@electron/rebuild. */
  root: string
  electronVersion: string
  /** The Electron binary, run as Node (ELECTRON_RUN_AS_NODE) to drive @electron/rebuild. */
  execPath: string
  run?: CommandRunner
}

const runCommand: CommandRunner = (command, args, env) =>
  new Promise((resolve, reject) => {
    execFile(command, args, { env, maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve()
    )
  })

/**
 * First start of the desktop app from a checkout: build better-sqlite3 for Electron's ABI in a
 * scratch copy (so the Node build that tests and the CLI use is never touched) and keep the
 * binary at `target`. Returns false when it was already there.
 */
export async function ensureElectronBinding(request: RebuildRequest): Promise<boolean> {
  if (existsSync(request.target)) return false
  const parent = dirname(request.target)
  mkdirSync(parent, { recursive: true })
  const work = mkdtempSync(join(parent, 'build-'))
  try {
    const source = join(request.root, 'node_modules', 'better-sqlite3')
    const copy = join(work, 'node_modules', 'better-sqlite3')
    cpSync(source, copy, {
      recursive: true,
      filter: (path) => !path.startsWith(join(source, 'build'))
    })
    writeFileSync(
      join(work, 'package.json'),
      JSON.stringify({ name: 'descent-native', private: true })
    )
    const cli = join(request.root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js')
    const args = [
      cli,
      '--version',
      request.electronVersion,
      '--module-dir',
      work,
      '--only',
      'better-sqlite3',
      '--force'
    ]
    await (request.run ?? runCommand)(request.execPath, args, {
      ...process.env,
      ELECTRON_RUN_AS_NODE: '1'
    })
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node')
    if (!existsSync(built)) throw new Error(`@electron/rebuild finished but produced no ${built}`)
    copyFileSync(built, request.target)
    return true
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
