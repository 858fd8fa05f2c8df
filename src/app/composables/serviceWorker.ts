/** Whether this browser has service workers at all (not in some private modes, or over plain http). */
export const isServiceWorkerSupported = typeof navigator !== 'undefined' && 'serviceWorker' in navigator

/** Whether a service worker controls this page now, i.e. the app shell is served from its cache. */
export function isServiceWorkerControlled(): boolean {
  return isServiceWorkerSupported && navigator.serviceWorker.controller !== null
}

/**
 * Resolves once a service worker controls the page (at once if it already does). Never resolves
 * where service workers are unsupported.
 */
export function whenServiceWorkerControls(): Promise<void> {
  if (isServiceWorkerControlled()) return Promise.resolve()
  return new Promise((resolve) => {
    if (!isServiceWorkerSupported) return
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true })
  })
}

/**
 * Marks `<html data-sw="controlled">` once a service worker controls the page, so browser tests
 * and support staff can tell the offline shell is in place.
 */
export function markServiceWorkerControl(): void {
  void whenServiceWorkerControls().then(() => {
    document.documentElement.dataset.sw = 'controlled'
  })
}
