import { execFileSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TrainingSettings } from '../../src/contract'
import { inProcessCli } from './in-process'

beforeAll(() => {
  // The engine line names the built kernels (a no-op when they are up to date).
  execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { stdio: 'ignore' })
})

const cli = inProcessCli('descent-cli-settings-')
const read = async (...flags: string[]): Promise<TrainingSettings> =>
  JSON.parse(await cli.descent('settings', ...flags, '--json'))

describe('descent settings', () => {
  it('shows how runs share the cores, and sets threads a run for later runs', async () => {
    const start = await read()
    expect(start).toMatchObject({ concurrency: 1, threads: null })
    expect(start.threadsPerRun).toBe(start.engineBackend.includes('×') ? start.cores : 1)

    const text = await cli.descent('settings', '--threads', '1')
    expect(text).toContain('runs at once   1')
    expect(text).toMatch(/threads a run {2}1$/m)
    expect(await read()).toMatchObject({ threads: 1, threadsPerRun: 1 })
    expect(await read('--threads', 'auto')).toMatchObject({
      threads: null,
      threadsPerRun: start.threadsPerRun
    })
  })

  it('refuses more runs at once than cores, and a thread count that is not one', async () => {
    const { cores } = await read()
    await expect(cli.descent('settings', '--runs-at-once', String(cores + 1))).rejects.toThrow(
      `At most ${cores} ${cores === 1 ? 'run' : 'runs'} at once`
    )
    await expect(cli.descent('settings', '--threads', 'zero')).rejects.toThrow(
      /must be a whole number ≥ 1, or auto/
    )
    expect(await read()).toMatchObject({ concurrency: 1, threads: null })
  })
})
