import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { ipcChannels, type IpcResult } from '../contract/bridge'
import type { WireEvent } from '../contract/wire'

/**
 * The whole surface the page gets: window.descent = { call, on }. Inputs are validated in main
 * against the contract; nothing else of Electron or Node reaches the renderer.
 */
const descent = {
  async call(name: string, input: unknown): Promise<unknown> {
    if (typeof name !== 'string')
      throw { code: 'UNKNOWN_CALL', message: 'call name must be a string' }
    let reply: IpcResult
    try {
      reply = (await ipcRenderer.invoke(ipcChannels.call(name), input)) as IpcResult
    } catch {
      // No handler registered on that channel: not a call of the contract.
      throw { code: 'UNKNOWN_CALL', message: `No API call named ${JSON.stringify(name)}` }
    }
    if (reply.ok) return reply.result
    throw reply.error
  },
  on(event: string, handler: (payload: unknown) => void): () => void {
    const listener = (_e: IpcRendererEvent, message: WireEvent): void => {
      if (message.event === event) handler(message.payload)
    }
    ipcRenderer.on(ipcChannels.event, listener)
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, listener)
    }
  }
}

contextBridge.exposeInMainWorld('descent', descent)
