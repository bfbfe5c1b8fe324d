// The bench times the built app (out/main, resources/wasm): make sure it is built from the
// sources as they are now, or say loudly that it is not.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { benchRoot } from './child.mjs'

/** The sources bundled into out/main/cli.js and out/main/train-worker.js. */
const SOURCES = ['engine', 'main', 'cli', 'contract'].map((room) => join(benchRoot, 'src', room))
const OUTPUTS = ['cli.js', 'train-worker.js'].map((file) => join(benchRoot, 'out', 'main', file))

function newestMtime(dir) {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name)
      return entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs
    })
  )
}

function isStale() {
  if (!OUTPUTS.every(existsSync)) return true
  const built = Math.min(...OUTPUTS.map((file) => statSync(file).mtimeMs))
  return SOURCES.some((dir) => newestMtime(dir) > built)
}

/**
 * Builds the WebAssembly kernels (a no-op when up to date) and, when `build` allows and the
 * bundle is older than its sources, the app. Returns a note on what the bench measures.
 */
export function ensureBuilt({ build, log }) {
  execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { cwd: benchRoot, stdio: 'ignore' })
  if (!isStale()) return 'built app is up to date with src/'
  if (!build) return 'STALE: out/main is older than src/ (--no-build); timing an older engine'
  log('bench: out/main is older than src/: building the app (npx electron-vite build)…')
  const bin = join(benchRoot, 'node_modules', '.bin', 'electron-vite')
  try {
    execFileSync(bin, ['build'], { cwd: benchRoot, stdio: 'pipe' })
    return 'app rebuilt from src/ before timing'
  } catch (err) {
    const output = stripVTControlCharacters(String(err.stderr ?? err.message))
    log(`bench: the build failed, timing the existing out/main:\n${output}`)
    return `STALE: out/main is older than src/ and the build failed (${firstError(output)}); timing an older engine`
  }
}

/** The line of a failed build's output that names the problem. */
const firstError = (output) =>
  output
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line && !/^(✗|error during build|Build failed)/.test(line)) ?? 'see above'

/**
 * A private copy of the built app (bin, out/main, resources/wasm) for the bench to time, so that
 * a rebuild of out/ by someone else mid-bench neither breaks a run nor mixes two engines. It sits
 * inside the checkout, where the bundle still resolves node_modules; remove() deletes it.
 */
export function snapshotApp() {
  const dir = join(benchRoot, 'bench', `.snapshot-${process.pid}`)
  for (const part of ['bin/descent.js', 'out/main', 'resources/wasm']) {
    cpSync(join(benchRoot, part), join(dir, part), { recursive: true })
  }
  return {
    cli: join(dir, 'bin', 'descent.js'),
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}
