import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createDispatch, createHandlers } from '../../../src/main/api/handlers'
import { startWebHost, type WebHost } from '../../../src/main/web/host'
import type { AppContext } from '../../../src/main/context'
import { tempContext } from '../test-context'

let host: WebHost
let ctx: AppContext
let cleanupCtx: () => void
let rendererDir: string

beforeEach(async () => {
  ;({ ctx, cleanup: cleanupCtx } = tempContext())
  rendererDir = mkdtempSync(join(tmpdir(), 'descent-renderer-'))
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Descent</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(tmpdir(), 'descent-secret.txt'), 'secret')
  host = await startWebHost({
    dispatch: createDispatch(createHandlers(ctx)),
    events: ctx.events,
    rendererDir
  })
})

afterEach(async () => {
  await host.close()
  cleanupCtx()
  rmSync(rendererDir, { recursive: true, force: true })
})

function get(
  path: string,
  headers: Record<string, string> = {}
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    req.end()
  })
}

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))))
}

describe('web host', () => {
  it('prints a loopback URL carrying a long random token', () => {
    expect(host.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{40,}$`)
    )
  })

  it('serves the renderer with security headers', async () => {
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Descent</title>')
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect((await get('/assets/app.js')).headers['content-type']).toMatch(/javascript/)
    expect((await get('/missing.js')).status).toBe(404)
  })

  it('never serves files outside the renderer folder', async () => {
    for (const path of [
      '/../descent-secret.txt',
      '/%2e%2e/descent-secret.txt',
      '/assets/../../descent-secret.txt'
    ]) {
      const res = await get(path)
      expect(res.status).toBe(404)
      expect(res.body).not.toContain('secret')
    }
  })

  it('refuses requests for another Host name (DNS rebinding)', async () => {
    expect((await get('/', { Host: 'evil.example:80' })).status).toBe(421)
    expect((await get('/', { Host: `localhost:${host.port}` })).status).toBe(200)
  })

  it('answers API calls over the WebSocket with the token', async () => {
    const ws = await connect(`?token=${host.token}`)
    ws.send(JSON.stringify({ id: 1, call: 'app.ping', input: { echo: 'round trip' } }))
    expect(await nextMessage(ws)).toMatchObject({
      id: 1,
      ok: true,
      result: { pong: true, echo: 'round trip' }
    })
    ws.send(JSON.stringify({ id: 2, call: 'app.info', input: {} }))
    expect(await nextMessage(ws)).toMatchObject({
      id: 2,
      ok: true,
      result: { dataFolder: ctx.dataFolder }
    })
    ws.close()
  })

  it('returns the error shape for bad input, unknown calls and malformed frames', async () => {
    const ws = await connect(`?token=${host.token}`)
    ws.send(JSON.stringify({ id: 3, call: 'app.ping', input: { echo: 7 } }))
    expect(await nextMessage(ws)).toMatchObject({ id: 3, ok: false, error: { code: 'BAD_INPUT' } })
    ws.send(JSON.stringify({ id: 4, call: 'runs.drop', input: {} }))
    expect(await nextMessage(ws)).toMatchObject({
      id: 4,
      ok: false,
      error: { code: 'UNKNOWN_CALL' }
    })
    ws.send('{not json')
    expect(await nextMessage(ws)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    ws.close()
  })

  it('refuses a WebSocket without the right token or from a foreign origin', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 401')
    await expect(connect('?token=wrong')).rejects.toThrow('HTTP 401')
    await expect(
      connect(`?token=${host.token}`, { Origin: 'http://evil.example' })
    ).rejects.toThrow('HTTP 403')
    const ok = await connect(`?token=${host.token}`, { Origin: `http://127.0.0.1:${host.port}` })
    ok.close()
  })

  it('pushes events to connected clients', async () => {
    const ws = await connect(`?token=${host.token}`)
    const message = nextMessage(ws)
    ctx.events.emit('app.navigate', { view: 'learn' })
    expect(await message).toEqual({ event: 'app.navigate', payload: { view: 'learn' } })
    ws.close()
  })
})
