// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, test, vi } from 'vitest'
import { nextTick } from 'vue'
import { themeStorageKey, useThemeStore } from '../../src/renderer/stores/theme'

/** A prefers-color-scheme query whose answer the test flips, as the OS would. */
function fakeSystemTheme(dark: boolean): { setDark(value: boolean): void } {
  const query = Object.assign(new EventTarget(), { matches: dark, media: '' })
  vi.spyOn(window, 'matchMedia').mockReturnValue(query as unknown as MediaQueryList)
  return {
    setDark(value) {
      query.matches = value
      query.dispatchEvent(Object.assign(new Event('change'), { matches: value }))
    }
  }
}

const appliedTheme = (): string | undefined => document.documentElement.dataset.theme

beforeEach(() => {
  localStorage.clear()
  delete document.documentElement.dataset.theme
  vi.restoreAllMocks()
  setActivePinia(createPinia())
})

describe('theme store', () => {
  test('starts in auto and follows the OS, live', async () => {
    const system = fakeSystemTheme(true)
    const theme = useThemeStore()
    expect(theme.mode).toBe('auto')
    expect(theme.theme).toBe('dark')
    expect(appliedTheme()).toBe('dark')

    system.setDark(false)
    await nextTick()
    expect(theme.theme).toBe('light')
    expect(appliedTheme()).toBe('light')
  })

  test('light and dark override the OS and are remembered', async () => {
    const system = fakeSystemTheme(false)
    const theme = useThemeStore()

    theme.setMode('dark')
    await nextTick()
    expect(appliedTheme()).toBe('dark')
    expect(localStorage.getItem(themeStorageKey)).toBe('dark')

    theme.setMode('light')
    system.setDark(true)
    await nextTick()
    expect(appliedTheme()).toBe('light')
    expect(localStorage.getItem(themeStorageKey)).toBe('light')

    theme.setMode('auto')
    await nextTick()
    expect(appliedTheme()).toBe('dark')
  })

  test('a new session starts from the remembered choice', () => {
    fakeSystemTheme(false)
    localStorage.setItem(themeStorageKey, 'dark')
    const theme = useThemeStore()
    expect(theme.mode).toBe('dark')
    expect(appliedTheme()).toBe('dark')
  })

  test('an unknown remembered value falls back to auto', () => {
    fakeSystemTheme(false)
    localStorage.setItem(themeStorageKey, 'purple')
    expect(useThemeStore().mode).toBe('auto')
    expect(appliedTheme()).toBe('light')
  })
})
