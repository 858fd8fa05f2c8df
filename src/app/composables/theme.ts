import { computed, onScopeDispose, readonly, ref, watchEffect } from 'vue'
import type { ComputedRef, Ref } from 'vue'
import { preferenceKeys, readPreference, writePreference } from './preference'
import { createSharedComposable } from './shared'

export const themePreferences = ['system', 'light', 'dark'] as const
export type ThemePreference = (typeof themePreferences)[number]
export type Theme = 'light' | 'dark'

/** Browser bar colour of each theme; the same as `--yh-bar` in styles/theme.css. */
export const themeColors: Record<Theme, string> = { light: '#1d5fd0', dark: '#1f232b' }

function isThemePreference(value: unknown): value is ThemePreference {
  return typeof value === 'string' && (themePreferences as readonly string[]).includes(value)
}

export interface ThemeState {
  /** What the person chose in Settings; `system` follows `prefers-color-scheme`. */
  preference: Readonly<Ref<ThemePreference>>
  /** The theme in force, for Vant's ConfigProvider `theme`. */
  theme: ComputedRef<Theme>
  /** Chooses and remembers the theme on this device. */
  setPreference(value: ThemePreference): void
}

/**
 * Light or dark theme: follows the system unless chosen in Settings (remembered in localStorage).
 * Keeps `color-scheme` and the browser's theme-color in step with it.
 */
export const useTheme = createSharedComposable((): ThemeState => {
  const preference = ref<ThemePreference>(readPreference(preferenceKeys.theme, isThemePreference, 'system'))
  const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null
  const systemDark = ref(media?.matches ?? false)
  const onChange = (event: MediaQueryListEvent): void => {
    systemDark.value = event.matches
  }
  media?.addEventListener('change', onChange)
  onScopeDispose(() => media?.removeEventListener('change', onChange))

  const theme = computed<Theme>(() =>
    preference.value === 'system' ? (systemDark.value ? 'dark' : 'light') : preference.value,
  )

  watchEffect(() => {
    document.documentElement.style.colorScheme = theme.value
    document.querySelector('meta[name="theme-color"]')?.setAttribute('content', themeColors[theme.value])
  })

  function setPreference(value: ThemePreference): void {
    preference.value = value
    writePreference(preferenceKeys.theme, value)
  }

  return { preference: readonly(preference), theme, setPreference }
})
