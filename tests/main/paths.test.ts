import { describe, expect, it } from 'vitest'
import { databasePath, dataFolder } from '../../src/main/paths'

describe('dataFolder', () => {
  it('prefers DESCENT_HOME on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(dataFolder({ platform, env: { DESCENT_HOME: '/tmp/x' }, home: '/home/u' })).toBe(
        '/tmp/x'
      )
    }
  })

  it('ignores a blank DESCENT_HOME', () => {
    expect(dataFolder({ platform: 'linux', env: { DESCENT_HOME: '  ' }, home: '/home/u' })).toBe(
      '/home/u/.config/Descent'
    )
  })

  it('matches Electron userData folders for an app named Descent', () => {
    expect(dataFolder({ platform: 'linux', env: {}, home: '/home/u' })).toBe(
      '/home/u/.config/Descent'
    )
    expect(
      dataFolder({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/u' })
    ).toBe('/xdg/Descent')
    expect(dataFolder({ platform: 'darwin', env: {}, home: '/Users/u' })).toBe(
      '/Users/u/Library/Application Support/Descent'
    )
    expect(
      dataFolder({
        platform: 'win32',
        env: { APPDATA: 'C:/Users/u/AppData/Roaming' },
        home: 'C:/Users/u'
      })
    ).toMatch(/Roaming[\\/]Descent$/)
  })

  it('keeps the database inside the data folder', () => {
    expect(databasePath('/data')).toBe('/data/descent.db')
  })
})
