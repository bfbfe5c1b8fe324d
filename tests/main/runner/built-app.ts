/**
 * Runner tests need the BUILT worker (vitest cannot start a worker thread from a .ts file) and
 * the CLI tests the built CLI: this builds the app when out/main is missing or older than any
 * source file. CI builds first, so there it finds everything fresh and skips the build.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const root = resolve(__dirname, '../../..')
export const workerPath = join(root, 'out', 'main', 'train-worker.js')
export const cliPath = join(root, 'bin', 'descent.js')
export const wasmDir = join(root, 'resources', 'wasm')
const lock = join(root, 'out', '.build-lock')

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    const time = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs
    newest = Math.max(newest, time)
  }
  return newest
}

function isFresh(): boolean {
  const outputs = [workerPath, join(root, 'out', 'main', 'cli.js')]
  if (!outputs.every(existsSync)) return false
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs))
  return built >= newestSource(join(root, 'src'))
}

const sleep = (ms: number): void =>
  void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** Builds once across parallel test files: the first takes a lock folder, the others wait. */
export function ensureBuilt(): void {
  mkdirSync(join(root, 'out'), { recursive: true })
  for (let waited = 0; !isFresh(); waited += 200) {
    try {
      mkdirSync(lock)
    } catch {
      if (waited > 120_000) throw new Error(`another build has held ${lock} for two minutes`)
      sleep(200)
      continue
    }
    try {
      execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'pipe' })
      return
    } finally {
      rmdirSync(lock)
    }
  }
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

const cliEnv = (home: string): NodeJS.ProcessEnv => ({
  ...process.env,
  DESCENT_HOME: home,
  FORCE_COLOR: '0'
})

/** Runs the built `descent` with DESCENT_HOME=home, to the end. */
export function descent(args: string[], home: string): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    env: cliEnv(home),
    encoding: 'utf8'
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Starts the built `descent` in the background; `done` resolves when it exits. */
export function startDescent(
  args: string[],
  home: string
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [cliPath, ...args], { env: cliEnv(home) })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  )
  return { child, done }
}

/** Polls `test` every 25 ms until it holds (or throws after `timeoutMs`). */
export async function until(test: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
