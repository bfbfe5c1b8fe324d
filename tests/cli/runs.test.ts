import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import BetterSqlite3 from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { descent, ensureBuilt, startDescent, until } from '../main/runner/built-app'
import { images, labels } from '../engine/data/idx-codec'
import { tempFolders } from './temp-folders'

const home = tempFolders('descent-cli-runs-')
beforeAll(() => ensureBuilt())

const xor = [
  'train',
  '--dataset',
  'xor',
  '--samples',
  '200',
  '--layers',
  '8:tanh,1:sigmoid',
  '--epochs',
  '2'
]
// Long enough to be stopped while it trains.
const long = [
  'train',
  '--dataset',
  'mnist',
  '--limit',
  '3000',
  '--layers',
  '32:relu,10:softmax',
  '--epochs',
  '50'
]

/** Resolves once run 1 of `folder` is running and has finished `epochs` epochs. */
function whenTraining(folder: string, epochs = 0): Promise<void> {
  const path = join(folder, 'descent.db')
  return until(() => {
    if (!existsSync(path)) return false
    const db = new BetterSqlite3(path, { readonly: true, timeout: 5000 })
    try {
      const row = db.prepare('SELECT status, epochs_done AS done FROM runs WHERE id = 1').get() as
        { status: string; done: number } | undefined
      return row?.status === 'running' && row.done >= epochs
    } catch {
      return false
    } finally {
      db.close()
    }
  }, 'run 1 to train')
}

describe('descent train and descent runs', () => {
  it('records a trained run that runs ls and runs show list with its history', () => {
    const folder = home()
    const trained = descent([...xor, '--json'], folder)
    expect(trained.code).toBe(0)
    const result = JSON.parse(trained.stdout)
    expect(result).toMatchObject({
      runId: 1,
      status: 'completed',
      dataset: 'xor',
      history: { epoch: [0, 1] }
    })
    expect(result.history.history.loss).toHaveLength(2)
    expect(Object.keys(result.test)).toEqual(['loss', 'accuracy'])
    expect(trained.stderr).toMatch(
      /Epoch 1\/2[\s\S]*Epoch 2\/2[\s\S]*Test: loss: [\d.]+ - accuracy: [\d.]+/
    )
    expect(trained.stderr).toMatch(/Run 1 completed — see it with: descent runs show 1/)

    const table = descent(['runs', 'ls'], folder)
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+STATUS\s+NAME\s+EPOCHS\s+LOSS\s+ACC/)
    expect(table.stdout.split('\n')[1]).toMatch(
      /^ 1\s+completed\s+xor · rmsprop\s+2\/2\s+[\d.]+\s+[\d.]+/
    )
    const listed = JSON.parse(descent(['runs', 'ls', '--json'], folder).stdout)
    expect(listed).toMatchObject([
      { id: 1, status: 'completed', optimizer: 'rmsprop', epochsDone: 2 }
    ])
    expect(
      JSON.parse(descent(['runs', 'ls', '--status', 'failed', '--json'], folder).stdout)
    ).toEqual([])

    const shown = descent(['runs', 'show', '1'], folder).stdout
    expect(shown).toMatch(/^Run 1 · xor · rmsprop — completed/)
    expect(shown).toMatch(/model\s+8:tanh,1:sigmoid · binary_crossentropy · metrics accuracy/)
    // The kernels it trained with, as descent info names them.
    const engine = JSON.parse(descent(['info', '--json'], folder).stdout).engineBackend
    expect(shown).toContain(` s training on ${engine}\n`)
    expect(shown).toMatch(
      /\n\s*epoch\s+loss\s+accuracy\s+learning_rate\s+samples_per_second\s+epoch_seconds\n\s+1\s+[\d.]+/
    )
    const detail = JSON.parse(descent(['runs', 'show', '--json'], folder).stdout)
    expect(detail[0].history.history.loss).toEqual(result.history.history.loss)
  })

  // The training worker reads an imported set's images into the kernels' memory (inflating a
  // gzipped file there) and trains on them in place: raw and gzipped give the same run.
  it('trains on imported IDX sets, raw or gzipped, read into the kernels memory', () => {
    const folder = home()
    // Class 1: bright images, class 0: dark ones.
    const classes = Array.from({ length: 60 }, (_, i) => (i * 7) % 2)
    const pixels = images(60, 2, 2, (i) => (classes[Math.floor(i / 4)] ? 200 : 20) + (i % 4))
    const path = (name: string, bytes: Uint8Array) => {
      writeFileSync(join(folder, name), bytes)
      return join(folder, name)
    }
    const lbls = path('lbls', labels(classes))
    const files = { raw: path('imgs', pixels), gz: path('imgs.gz', gzipSync(pixels)) }
    const histories = Object.entries(files).map(([name, imgs]) => {
      const imported = descent(['data', 'import', name, '--images', imgs, '--labels', lbls], folder)
      expect(imported.code, imported.stderr).toBe(0)
      const args = ['train', '--dataset', name, '--layers', '2:softmax', '--lr', '0.1']
      const trained = descent([...args, '--epochs', '8', '--seed', '3', '--json'], folder)
      expect(trained.code, trained.stderr).toBe(0)
      const result = JSON.parse(trained.stdout)
      expect(result).toMatchObject({ status: 'completed', dataset: name })
      return result.history.history
    })
    expect(histories[1].loss).toEqual(histories[0].loss)
    // The samples arrived intact: the two classes are told apart.
    expect(histories[0].accuracy.at(-1)).toBe(1)
  })

  it('stops a run training in another process; deletes it only with --yes', async () => {
    const folder = home()
    const training = startDescent(long, folder)
    await whenTraining(folder, 1)
    const stopped = descent(['runs', 'stop', '1'], folder)
    expect(stopped.stdout.trim()).toBe('Run 1 stopped (stopped on request)')
    const trained = await training.done
    expect(trained.code).toBe(0)
    expect(trained.stdout).toMatch(
      /Training stopped: stopped on request[\s\S]*Test: loss[\s\S]*Run 1 stopped/
    )

    const refused = descent(['runs', 'rm', '1'], folder)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/deleting run 1 needs --yes/)
    expect(descent(['runs', 'rm', '1', '--yes'], folder).stdout.trim()).toBe('Deleted run 1')
    const gone = descent(['runs', 'show', '1'], folder)
    expect(gone.code).toBe(1)
    expect(gone.stderr.trim()).toBe('descent: there is no run 1')
  })

  it('stops cleanly on Ctrl+C and says why a run cannot be resumed or trained', async () => {
    const folder = home()
    const training = startDescent(long, folder)
    await whenTraining(folder)
    training.child.kill('SIGINT')
    const trained = await training.done
    expect(trained.code).toBe(0)
    expect(trained.stderr).toMatch(/Stopping after this batch/)
    expect(trained.stdout).toMatch(/Run 1 stopped/)

    const completed = descent(xor, folder)
    expect(completed.code).toBe(0)
    const again = descent(['runs', 'resume', '2'], folder)
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(
      /descent: run 2 is completed: only a paused, stopped or interrupted run can be resumed/
    )
    const misfit = descent([...xor, '--layers', '3:softmax'], folder)
    expect(misfit.code).toBe(1)
    expect(misfit.stderr).toMatch(/output layer has 3 units/)
    expect(JSON.parse(descent(['runs', 'ls', '--json'], folder).stdout)).toHaveLength(2)
  })
})
