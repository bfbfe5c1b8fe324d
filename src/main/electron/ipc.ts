import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { callNames, ipcChannels, toApiError, type CallName, type IpcResult } from '../../contract'
import type { Dispatch } from '../api/handlers'

/**
 * One ipcMain handler per call of the contract table, all generated here: the sender is checked,
 * the input validated (inside dispatch), and errors returned as data in the shared shape.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean
): CallName[] {
  for (const name of callNames) {
    ipcMain.handle(ipcChannels.call(name), async (event, input: unknown): Promise<IpcResult> => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'This page may not call the Descent API' }
        }
      }
      try {
        return { ok: true, result: await dispatch(name, input) }
      } catch (err) {
        return { ok: false, error: toApiError(err) }
      }
    })
  }
  return [...callNames]
}

/** Our own renderer only: the built page (file://…/out/renderer/) or the dev server. */
export function isTrustedUrl(url: string | undefined, rendererUrl: string): boolean {
  if (!url) return false
  try {
    const given = new URL(url)
    const ours = new URL(rendererUrl)
    if (given.protocol !== ours.protocol) return false
    if (ours.protocol === 'file:') {
      const dir = ours.pathname.slice(0, ours.pathname.lastIndexOf('/') + 1)
      return given.pathname.startsWith(dir)
    }
    return given.origin === ours.origin
  } catch {
    return false
  }
}
