import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'

export const themeModes = ['auto', 'light', 'dark'] as const
export type ThemeMode = (typeof themeModes)[number]
export type Theme = Exclude<ThemeMode, 'auto'>

export const themeStorageKey = 'descent.theme'

function isThemeMode(value: unknown): value is ThemeMode {
  return (themeModes as readonly unknown[]).includes(value)
}

/**
 * Light or dark: 'auto' follows the OS (prefers-color-scheme) live; the choice is remembered.
 * The resolved theme lands on <html data-theme>, where the CSS custom properties switch.
 */
export const useThemeStore = defineStore('theme', () => {
  const stored = localStorage.getItem(themeStorageKey)
  const mode = ref<ThemeMode>(isThemeMode(stored) ? stored : 'auto')

  const prefersDark = window.matchMedia('(prefers-color-scheme: dark)')
  const systemDark = ref(prefersDark.matches)
  prefersDark.addEventListener('change', (event) => {
    systemDark.value = event.matches
  })

  const theme = computed<Theme>(() =>
    mode.value === 'auto' ? (systemDark.value ? 'dark' : 'light') : mode.value
  )

  watch(
    theme,
    (value) => {
      document.documentElement.dataset.theme = value
    },
    { immediate: true }
  )

  function setMode(next: ThemeMode): void {
    mode.value = next
    localStorage.setItem(themeStorageKey, next)
  }

  return { mode, theme, setMode }
})
