// Descent as a contestant: the real CLI (`descent train --json`) in a child process, on a
// temporary data folder whose 'runner.concurrency' setting picks the training worker's threads.
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runNode } from './child.mjs'

/**
 * Descent training with `threads` threads (1, or every core), run by the CLI script `cli`. The
 * runner gives each job floor(cores / concurrency) threads: a concurrency of `cores` means one.
 * everyDepth: gemm computes the zero depths of its left operand instead of skipping them (same
 * results, the dense products' time: what the kernels alone give on MNIST).
 */
export async function descentContestant({ cli, threads, cores, everyDepth = false }) {
  const home = mkdtempSync(join(tmpdir(), 'descent-bench-home-'))
  process.on('exit', () => rmSync(home, { recursive: true, force: true }))
  const env = { DESCENT_HOME: home, ...(everyDepth ? { DESCENT_SKIP_ZERO_DEPTHS: '0' } : {}) }
  await runNode(cli, ['info', '--json'], env) // creates and migrates the database
  const db = new Database(join(home, 'descent.db'))
  db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(
    'runner.concurrency',
    JSON.stringify(threads === 1 ? cores : 1)
  )
  db.close()
  const info = await runNode(cli, ['info', '--json'], env)
  if (info.threads !== threads) {
    throw new Error(
      `Descent reports ${info.engineBackend} (${info.threads} threads), not ${threads}`
    )
  }
  return {
    key: `descent-${threads === 1 ? '1' : 'n'}${everyDepth ? '-every-depth' : ''}`,
    label: `Descent ${info.engineBackend}${everyDepth ? ', no zero skip' : ''}`,
    threads,
    async run({ hidden, batch }) {
      const layers = [...hidden.map((units) => `${units}:relu`), '10:softmax'].join(',')
      const out = await runNode(
        cli,
        [
          'train',
          ...['--dataset', 'mnist', '--layers', layers, '--optimizer', 'rmsprop'],
          ...['--batch-size', String(batch), '--epochs', '1', '--seed', '1', '--json']
        ],
        env
      )
      if (out.status !== 'completed') {
        const reason = out.stderr.match(/Training stopped: (.*)/)?.[1] ?? 'no reason given'
        throw new Error(`the run ended ${out.status}: ${reason}`)
      }
      return {
        epochSeconds: out.history.history.epoch_seconds[0],
        extrapolated: false,
        testAccuracy: out.test?.accuracy ?? null,
        note: everyDepth ? 'gemm computes every depth' : 'gemm skips zero depths',
        maxRssKb: out.maxRssKb
      }
    }
  }
}
