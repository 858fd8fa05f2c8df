import { registerSW } from 'virtual:pwa-register'
import type { RegisterServiceWorker } from './pwaUpdate'

const updateCheckInterval = 60 * 60 * 1000

/** Asks the server for a new version now and then, when it can (the browser also checks on navigation). */
function checkForUpdates(registration: ServiceWorkerRegistration): void {
  setInterval(() => {
    if (navigator.onLine && document.visibilityState === 'visible') void registration.update().catch(() => {})
  }, updateCheckInterval)
}

/** The real registration (vite-plugin-pwa, prompt mode) for {@link installPwaUpdate}. */
export const registerServiceWorker: RegisterServiceWorker = ({ onNeedRefresh, onOfflineReady }) => {
  const updateSW = registerSW({
    onNeedRefresh,
    onOfflineReady,
    onRegisteredSW(_url, registration) {
      if (registration) checkForUpdates(registration)
    },
  })
  return () => updateSW(true)
}
