import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ModelEvaluation, ModelSummary } from '../../src/contract'
import { createDispatch, createHandlers } from '../../src/main/api/handlers'
import { createContext } from '../../src/main/context'
import { trainedRun } from '../main/services/models-fixture'
import { inProcessCli } from './in-process'

const cli = inProcessCli('descent-cli-models-')
const descent = cli.descent

/** A data folder holding one model saved from a trained spiral run; returns its id. */
async function savedModel(): Promise<number> {
  const ctx = createContext({ runtime: 'node', dataFolder: cli.folder })
  try {
    const run = await trainedRun(ctx)
    const saved = (await createDispatch(createHandlers(ctx))('models.saveFromRun', {
      runId: run.runId,
      name: 'spiral net'
    })) as ModelSummary
    return saved.id
  } finally {
    ctx.close()
  }
}

describe('descent models', () => {
  it('ls prints a table, or JSON with --json', async () => {
    expect(await descent('models', 'ls')).toMatch(/No saved models/)
    const id = await savedModel()
    const table = await descent('models', 'ls')
    expect(table.split('\n')[0]).toMatch(/^ID\s+NAME\s+DATASET\s+LAYERS\s+PARAMS/)
    expect(table).toMatch(
      new RegExp(
        `^\\s*${id}\\s+spiral net\\s+spiral\\s+2 → 16 relu → 3 softmax\\s+99\\s+adam\\s+3\\s+accuracy`,
        'm'
      )
    )
    const list = JSON.parse(await descent('models', 'ls', '--json')) as ModelSummary[]
    expect(list.map((m) => [m.id, m.name])).toEqual([[id, 'spiral net']])
  })

  it('eval prints loss, per-class accuracy and the confusion matrix; --json the full report', async () => {
    const id = await savedModel()
    const report = JSON.parse(
      await descent('models', 'eval', String(id), '--json')
    ) as ModelEvaluation
    expect([report.dataset, report.split, report.count]).toEqual(['spiral', 'test', 75])
    const text = await descent('models', 'eval', String(id))
    expect(text).toMatch(`Model ${id} on spiral (test split, 75 samples)`)
    expect(text).toMatch(
      `loss: ${report.loss.toFixed(4)} - accuracy: ${report.metrics.accuracy.toFixed(4)}`
    )
    expect(text).toMatch(/Confusion matrix/)
    const matrixRows = text.split('Confusion matrix')[1].split('\n').slice(2, 5)
    expect(matrixRows.map((row) => row.trim().split(/\s+/).slice(1).map(Number))).toEqual(
      report.confusion
    )
    const limited = JSON.parse(
      await descent('models', 'eval', String(id), '--split', 'train', '--limit', '10', '--json')
    ) as ModelEvaluation
    expect([limited.split, limited.count]).toEqual(['train', 10])
  })

  it('exports TF.js files and imports them back, from the folder or the model.json', async () => {
    const id = await savedModel()
    const out = join(cli.folder, 'export')
    expect(await descent('models', 'export', String(id), out)).toMatch(
      `Exported model ${id} ("spiral net")`
    )
    expect(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).format).toBe('layers-model')
    expect(statSync(join(out, 'weights.bin')).size).toBe(99 * 4)
    expect(await descent('models', 'import', out, '--name', 'copy')).toMatch(
      /Imported model \d+ \("copy"\): 2 → 16 relu → 3 softmax, 99 parameters/
    )
    await descent('models', 'import', join(out, 'model.json'))
    const list = JSON.parse(await descent('models', 'ls', '--json')) as ModelSummary[]
    expect(list.map((m) => m.name)).toEqual(['spiral net', 'copy', 'sequential'])
  })

  it('refuses to import a folder whose weights are missing, naming the file', async () => {
    await savedModel()
    const out = join(cli.folder, 'export')
    await descent('models', 'export', '1', out)
    rmSync(join(out, 'weights.bin'))
    await expect(descent('models', 'import', out)).rejects.toThrow(/weights\.bin/)
    expect(JSON.parse(await descent('models', 'ls', '--json'))).toHaveLength(1)
  })

  it('rm deletes only with --yes when there is no terminal to ask', async () => {
    const id = await savedModel()
    await expect(descent('models', 'rm', String(id))).rejects.toThrow(/not deleted.*--yes/)
    expect(JSON.parse(await descent('models', 'ls', '--json'))).toHaveLength(1)
    expect(await descent('models', 'rm', String(id), '--yes')).toBe(
      `Deleted model ${id} ("spiral net")`
    )
    expect(JSON.parse(await descent('models', 'ls', '--json'))).toEqual([])
    await expect(descent('models', 'rm', String(id), '--yes')).rejects.toMatchObject({
      code: 'NOT_FOUND'
    })
  })

  it('refuses an id that is not one', async () => {
    await expect(descent('models', 'eval', 'abc')).rejects.toThrow(/must be a whole number/)
    expect(existsSync(join(cli.folder, 'export'))).toBe(false)
  })
})
