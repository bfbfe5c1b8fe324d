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
