import { describe, expect, it } from 'vitest'
import { chooseNativeBinding, electronBindingPath } from '../../../src/main/store/native-binding'

const base = { isPackaged: false, platform: 'linux', arch: 'x64', root: '/app' }

describe('chooseNativeBinding', () => {
  it('lets better-sqlite3 use its own Node build outside Electron', () => {
    expect(chooseNativeBinding({ ...base })).toBeUndefined()
  })

  it('uses the Electron-ABI build kept beside the Node one when run from a checkout', () => {
    const path = chooseNativeBinding({ ...base, electronVersion: '45.5.0' })
    expect(path).toBe('/app/.electron-native/electron-v45.5.0-linux-x64/better_sqlite3.node')
    expect(path).toBe(electronBindingPath('/app', '45.5.0', 'linux', 'x64'))
  })

  it('keeps one build per Electron version and architecture', () => {
    const a = chooseNativeBinding({ ...base, electronVersion: '45.5.0' })
    const b = chooseNativeBinding({ ...base, electronVersion: '46.0.0' })
    const c = chooseNativeBinding({ ...base, electronVersion: '45.5.0', arch: 'arm64' })
    expect(new Set([a, b, c]).size).toBe(3)
  })

  it('trusts the packaged app, whose node_modules electron-builder rebuilt', () => {
    expect(
      chooseNativeBinding({ ...base, electronVersion: '45.5.0', isPackaged: true })
    ).toBeUndefined()
  })
})
