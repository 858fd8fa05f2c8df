/** The same device-wide key as the cadres' app ('system' | 'light' | 'dark'). */
const THEME_KEY = 'yehua.theme'
const barColours = { light: '#1d5fd0', dark: '#1f232b' } as const

function chosenTheme(): 'system' | 'light' | 'dark' {
  try {
    const stored = globalThis.localStorage?.getItem(THEME_KEY)
    return stored === 'light' || stored === 'dark' ? stored : 'system'
  } catch {
    return 'system'
  }
}

/**
 * Light or dark like the cadres' app: the theme chosen on this phone, else the system's, kept in
 * step when the system switches (dark for use outdoors at night).
 */
export function applyTheme(): void {
  const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null
  const apply = () => {
    const chosen = chosenTheme()
    const theme = chosen === 'system' ? (media?.matches ? 'dark' : 'light') : chosen
    document.documentElement.classList.toggle('van-theme-dark', theme === 'dark')
    document.documentElement.style.colorScheme = theme
    document.querySelector('meta[name="theme-color"]')?.setAttribute('content', barColours[theme])
  }
  apply()
  media?.addEventListener('change', apply)
}
