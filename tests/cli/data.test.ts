import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { DatasetInfo } from '../../src/contract'
import { images, labels } from '../engine/data/idx-codec'
import { inProcessCli } from './in-process'

const cli = inProcessCli('descent-cli-data-')
const descent = cli.descent

/** Writes a file into the test folder and returns its path. */
function file(name: string, bytes: Uint8Array | string): string {
  const path = join(cli.folder, name)
  writeFileSync(path, bytes)
  return path
}

const imported = async (): Promise<DatasetInfo[]> =>
  (JSON.parse(await descent('data', 'ls', '--json')) as DatasetInfo[]).filter(
    (d) => d.source === 'imported'
  )

describe('descent data', () => {
  it('ls shows the built-in sets with their shapes and class counts', async () => {
    const table = await descent('data', 'ls')
    expect(table.split('\n')[0]).toMatch(/^NAME\s+SOURCE\s+TASK\s+TRAIN\s+TEST\s+FEATURES/)
    expect(table).toMatch(
      /^mnist\s+builtin\s+multiclass\s+60000\s+10000\s+28×28\s+10 \(0:5923 1:6742 2:5958 3:6131 4:5842 …\)$/m
    )
    expect(table).toMatch(/^sine\s+builtin\s+regression\s+1000\s+250\s+1\s+-$/m)
  })

  it('imports gzipped IDX files and lists them', async () => {
    const out = await descent(
      'data',
      'import',
      'tiny',
      '--images',
      file('imgs.gz', gzipSync(images(4, 2, 2, (i) => i))),
      '--labels',
      file('lbls', labels([1, 0, 1, 1]))
    )
    expect(out).toBe(
      'Imported tiny: 4 training samples of 2×2, no test split\nTrain with: descent train --dataset tiny'
    )
    expect(await imported()).toMatchObject([
      { name: 'tiny', format: 'idx', count: 4, classCounts: [1, 3] }
    ])
    expect(await descent('data', 'ls')).toMatch(
      /^tiny\s+imported\s+multiclass\s+4\s+-\s+2×2\s+0:1 1:3$/m
    )
  })

  it('imports CSV files with a label column given by index', async () => {
    await descent(
      'data',
      'import',
      'pts',
      '--csv',
      file('train.csv', '0,1,2\n1,0,2\n0,0,1\n'),
      '--test-csv',
      file('test.csv', '1,9,2\n0,8,8\n'),
      '--label-column',
      '0',
      '--json'
    )
    const [pts] = await imported()
    expect(pts).toMatchObject({
      name: 'pts',
      format: 'csv',
      count: 3,
      testCount: 2,
      featureShape: [2],
      classNames: ['0', '1']
    })
  })

  it('refuses a malformed file, naming it by its path, and stores nothing', async () => {
    const bad = file('bad.csv', 'a,b,label\n1,2,0\n3,x,1\n')
    await expect(descent('data', 'import', 'bad', '--csv', bad)).rejects.toMatchObject({
      code: 'INVALID_DATA',
      message: `${bad}, line 3, column "b": 'x' is not a number`
    })
    expect(await imported()).toEqual([])
  })

  it('rm removes an imported set with --yes', async () => {
    await descent(
      'data',
      'import',
      'tiny',
      '--images',
      file(
        'i',
        images(2, 1, 1, (i) => i)
      ),
      '--labels',
      file('l', labels([0, 1]))
    )
    await expect(descent('data', 'rm', 'tiny')).rejects.toThrow(/not deleted/)
    expect(await descent('data', 'rm', 'tiny', '--yes')).toBe('Deleted data set tiny')
    expect(await imported()).toEqual([])
  })
})
