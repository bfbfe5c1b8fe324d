// Runs one benchmarked process to its end: its last JSON line on stdout and its peak RSS.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const maxRssPreload = fileURLToPath(new URL('max-rss.cjs', import.meta.url))
export const benchRoot = fileURLToPath(new URL('../..', import.meta.url))

/** Children still running, stopped if the bench exits first (Ctrl+C). */
const running = new Set()
process.on('exit', () => running.forEach((child) => child.kill()))

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: benchRoot, env: { ...process.env, ...env } })
    running.add(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      running.delete(child)
      if (code === 0) return resolve({ stdout, stderr })
      const tail = stderr.trim().split('\n').slice(-5).join('\n')
      reject(new Error(`${[command, ...args].join(' ')} exited with ${code}:\n${tail}`))
    })
  })
}

/** The last JSON object in the output: one line, or pretty-printed to the end of it. */
function lastJson(stdout) {
  const lines = stdout.trimEnd().split('\n')
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i].startsWith('{')) continue
    try {
      return JSON.parse(lines.slice(i).join('\n'))
    } catch {
      // a line that only starts like JSON: look further up
    }
  }
  throw new Error(`no JSON result in the output:\n${stdout.slice(-500)}`)
}

/**
 * A Node script's JSON result, with `maxRssKb` measured by the max-rss.cjs preload and what it
 * wrote on stderr.
 */
export async function runNode(script, args, env = {}) {
  const rssFile = join(rssDir(), String(++rssFiles))
  const { stdout, stderr } = await run(process.execPath, ['-r', maxRssPreload, script, ...args], {
    ...env,
    BENCH_RSS_FILE: rssFile
  })
  return { ...lastJson(stdout), maxRssKb: Number(readFileSync(rssFile, 'utf8')), stderr }
}

let rssFolder = null
let rssFiles = 0
/** One scratch folder for the children's peak-RSS files, removed when the bench exits. */
function rssDir() {
  if (!rssFolder) {
    rssFolder = mkdtempSync(join(tmpdir(), 'descent-bench-rss-'))
    process.on('exit', () => rmSync(rssFolder, { recursive: true, force: true }))
  }
  return rssFolder
}

/** Any other program's JSON result (it reports its own `maxRssKb`). */
export async function runJson(command, args, env = {}) {
  return lastJson((await run(command, args, env)).stdout)
}
