import type { ApiError } from '../../src/contract/errors'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createContext, type AppContext } from '../../src/main/context'

/** A real context over a throw-away data folder; call cleanup() when done. */
export function tempContext(): { ctx: AppContext; cleanup: () => void } {
  const dataFolder = mkdtempSync(join(tmpdir(), 'descent-ctx-'))
  const ctx = createContext({ runtime: 'node', dataFolder })
  return {
    ctx,
    cleanup: () => {
      ctx.close()
      rmSync(dataFolder, { recursive: true, force: true })
    }
  }
}

/** What `p` was rejected with; fails the test when it resolves instead. */
export async function rejection<E = ApiError>(p: Promise<unknown>): Promise<E> {
  try {
    await p
  } catch (err) {
    return err as E
  }
  throw new Error('expected a rejection')
}
