const barColours = { light: '#1d5fd0', dark: '#1f232b' } as const

/**
 * Light or dark as the phone is set (dark for use outdoors at night), kept in step when it
 * switches. Nothing is read from storage: the first read of localStorage is slow on some phones
 * (the browser loads the site's storage from disk), and this runs before the first paint.
 */
export function applyTheme(): void {
  const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null
  const apply = () => {
    const theme = media?.matches ? 'dark' : 'light'
    document.documentElement.classList.toggle('van-theme-dark', theme === 'dark')
    document.documentElement.style.colorScheme = theme
    document.querySelector('meta[name="theme-color"]')?.setAttribute('content', barColours[theme])
  }
  apply()
  media?.addEventListener('change', apply)
}
