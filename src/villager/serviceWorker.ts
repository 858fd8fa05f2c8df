/**
 * Register the villager page's own service worker (`/v/sw.js`, scope `/v/`), once the page has
 * loaded: it precaches only this page's files, so a second visit opens without network.
 * Browsers without service workers (some in-app browsers) simply go without.
 */
export function registerVillagerWorker(): void {
  if (!('serviceWorker' in navigator)) return
  const register = () => {
    navigator.serviceWorker.register('/v/sw.js', { scope: '/v/', updateViaCache: 'none' }).catch(() => {
      // No worker (blocked, private mode): the page works online and keeps its data all the same.
    })
  }
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}
