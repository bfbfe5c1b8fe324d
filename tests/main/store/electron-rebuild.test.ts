import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ensureElectronBinding, type CommandRunner } from '../../../src/main/store/electron-rebuild'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function fakeRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'descent-rebuild-'))
  dirs.push(root)
  const pkg = join(root, 'node_modules', 'better-sqlite3')
  mkdirSync(join(pkg, 'build', 'Release'), { recursive: true })
  writeFileSync(join(pkg, 'package.json'), '{"name":"better-sqlite3"}')
  writeFileSync(join(pkg, 'build', 'Release', 'better_sqlite3.node'), 'NODE-ABI')
  return root
}

describe('ensureElectronBinding', () => {
  it('rebuilds a scratch copy and keeps the Node build untouched', async () => {
    const root = fakeRoot()
    const target = join(
      root,
      '.electron-native',
      'electron-v45.5.0-linux-x64',
      'better_sqlite3.node'
    )
    const calls: { command: string; args: string[]; env: NodeJS.ProcessEnv }[] = []
    const run: CommandRunner = async (command, args, env) => {
      calls.push({ command, args, env })
      const moduleDir = args[args.indexOf('--module-dir') + 1]
      // The copy must not carry the Node build along.
      expect(existsSync(join(moduleDir, 'node_modules', 'better-sqlite3', 'build'))).toBe(false)
      const out = join(moduleDir, 'node_modules', 'better-sqlite3', 'build', 'Release')
      mkdirSync(out, { recursive: true })
      writeFileSync(join(out, 'better_sqlite3.node'), 'ELECTRON-ABI')
    }
    expect(
      await ensureElectronBinding({
        target,
        root,
        electronVersion: '45.5.0',
        execPath: '/bin/electron',
        run
      })
    ).toBe(true)
    expect(readFileSync(target, 'utf8')).toBe('ELECTRON-ABI')
    expect(
      readFileSync(
        join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
        'utf8'
      )
    ).toBe('NODE-ABI')
    expect(calls).toHaveLength(1)
    expect(calls[0].command).toBe('/bin/electron')
    expect(calls[0].env.ELECTRON_RUN_AS_NODE).toBe('1')
    expect(calls[0].args).toEqual(
      expect.arrayContaining(['--version', '45.5.0', '--only', 'better-sqlite3'])
    )
    // The scratch folder is gone.
    expect(readdirSync(dirname(target))).toEqual(['better_sqlite3.node'])
  })

  it('does nothing when the Electron build is already there', async () => {
    const root = fakeRoot()
    const target = join(root, '.electron-native', 'v', 'better_sqlite3.node')
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, 'OLD')
    const run: CommandRunner = async () => {
      throw new Error('must not run')
    }
    expect(
      await ensureElectronBinding({ target, root, electronVersion: '45.5.0', execPath: 'e', run })
    ).toBe(false)
  })

  it('reports a rebuild that produced nothing and cleans up', async () => {
    const root = fakeRoot()
    const target = join(root, '.electron-native', 'v', 'better_sqlite3.node')
    await expect(
      ensureElectronBinding({
        target,
        root,
        electronVersion: '45.5.0',
        execPath: 'e',
        run: async () => {}
      })
    ).rejects.toThrow(/produced no/)
    expect(existsSync(target)).toBe(false)
    expect(readdirSync(dirname(target))).toEqual([])
  })
})
