import { describe, expect, it } from 'vitest'
import { buildProgram } from '../../src/cli'
import { version } from '../../package.json'
import { captureOutput } from './in-process'

function runCli(args: string[]): { out: string; err: string; error?: Error } {
  let out = ''
  let err = ''
  const program = buildProgram()
  captureOutput(
    program,
    (text) => (out += text),
    (text) => (err += text)
  )
  try {
    program.parse(args, { from: 'user' })
  } catch (e) {
    return { out, err, error: e as Error }
  }
  return { out, err }
}

describe('descent CLI', () => {
  it('prints its version', () => {
    const { out } = runCli(['--version'])
    expect(out.trim()).toBe(version)
  })

  it('lists its commands in --help', () => {
    const { out } = runCli(['--help'])
    expect(out).toMatch(/Usage: descent/)
    expect(out).toMatch(/serve/)
    expect(out).toMatch(/info/)
  })

  it('refuses a port that is not one', () => {
    const { err, error } = runCli(['serve', '--port', 'eighty'])
    expect(error).toBeDefined()
    expect(err).toMatch(/--port must be an integer from 0 to 65535/)
  })

  it('refuses an unknown command with a hint', () => {
    const { err, error } = runCli(['trian'])
    expect(error).toBeDefined()
    expect(err).toMatch(/unknown command 'trian'/)
  })
})
