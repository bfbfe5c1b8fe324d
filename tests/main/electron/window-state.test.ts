import { describe, expect, it } from 'vitest'
import { defaultBounds, restoreBounds } from '../../../src/main/electron/window-state'
import { isTrustedUrl } from '../../../src/main/electron/ipc'

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]

describe('restoreBounds', () => {
  it('uses the default size the first time', () => {
    expect(restoreBounds(undefined, screen)).toEqual(defaultBounds)
  })

  it('restores a placement that is on screen', () => {
    const bounds = { x: 100, y: 80, width: 1000, height: 700 }
    expect(restoreBounds({ bounds, maximized: false }, screen)).toEqual(bounds)
  })

  it('keeps the size but lets the OS place a window whose monitor is gone', () => {
    const bounds = { x: 3000, y: 80, width: 1000, height: 700 }
    expect(restoreBounds({ bounds, maximized: false }, screen)).toEqual({
      width: 1000,
      height: 700
    })
  })

  it('ignores nonsense', () => {
    expect(
      restoreBounds({ bounds: { x: 0, y: 0, width: 10, height: 10 }, maximized: false }, screen)
    ).toEqual(defaultBounds)
    expect(restoreBounds({ bounds: { x: NaN } as never, maximized: false }, screen)).toEqual(
      defaultBounds
    )
  })
})

describe('isTrustedUrl', () => {
  const built = 'file:///opt/descent/out/renderer/index.html'
  it('accepts our own page and its routes', () => {
    expect(isTrustedUrl('file:///opt/descent/out/renderer/index.html#/runs', built)).toBe(true)
    expect(isTrustedUrl('http://localhost:5173/#/learn', 'http://localhost:5173/')).toBe(true)
  })
  it('refuses other files, origins and nothing at all', () => {
    expect(isTrustedUrl('file:///tmp/evil.html', built)).toBe(false)
    expect(isTrustedUrl('https://evil.example/', built)).toBe(false)
    expect(isTrustedUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isTrustedUrl(undefined, built)).toBe(false)
  })
})
