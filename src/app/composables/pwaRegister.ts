import { registerSW } from 'virtual:pwa-register'
import type { RegisterServiceWorker } from './pwaUpdate'

const updateCheckInterval = 60 * 60 * 1000

/** Asks the server for a new version now and then, when it can (the browser also checks on navigation). */
function checkForUpdates(registration: ServiceWorkerRegistration): void {
  setInterval(() => {
    if (navigator.onLine && document.visibilityState === 'visible') void registration.update().catch(() => {})
  }, updateCheckInterval)
}

let reloading = false
/** Load the page again once, however many signals ask for it. */
function reloadOnce(): void {
  if (reloading) return
  reloading = true
  window.location.reload()
}

/**
 * The real registration (vite-plugin-pwa, prompt mode) for {@link installPwaUpdate}.
 *
 * Applying an update reloads the page as soon as the new worker controls it. vite-plugin-pwa
 * reloads only when workbox-window's `isUpdate` is true, which it is not in the session of the
 * first visit (no worker controlled the page when it registered): the page then stayed on the
 * old version showing "updating…" (vite-pwa/vite-plugin-pwa#789, #601). So the reload is ours.
 */
export const registerServiceWorker: RegisterServiceWorker = ({ onNeedRefresh, onOfflineReady }) => {
  const updateSW = registerSW({
    onNeedRefresh,
    onOfflineReady,
    // Where the plugin would reload by itself, it calls this instead: one reload, not two.
    onNeedReload: reloadOnce,
    onRegisteredSW(_url, registration) {
      if (registration) checkForUpdates(registration)
    },
  })
  return async () => {
    // Only after the person agreed: the first install's `clients.claim()` also changes controller.
    navigator.serviceWorker.addEventListener('controllerchange', reloadOnce, { once: true })
    await updateSW(true)
  }
}
