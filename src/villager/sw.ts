// The villager page's service worker (`/v/sw.js`, scope `/v/`): the second visit to a village's
// link opens without network. It precaches exactly the files villager.html loads — the list is
// written into `__VILLAGER_PRECACHE__` by vite.config.ts once the bundle is known — and nothing
// of the cadres' app. `/api/` always goes to the network; the page keeps its data itself.
/// <reference lib="webworker" />
export {}

declare const self: ServiceWorkerGlobalScope
declare const __VILLAGER_PRECACHE__: { version: string; urls: string[] }

const precache = __VILLAGER_PRECACHE__
const CACHE_PREFIX = 'yehua-villager-'
const cacheName = `${CACHE_PREFIX}${precache.version}`
const page = '/villager.html'

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName)
      // Hashed files are what the page just loaded, still in the HTTP cache (immutable): taking
      // them from there costs a 2G phone nothing. The page itself and the icon are revalidated.
      await cache.addAll(precache.urls.map((url) => new Request(url, { cache: url.startsWith('/assets/') ? 'default' : 'no-cache' })))
      // Nothing on the page depends on a file of an older version once loaded (one entry, no
      // lazy chunks), so a new version may take over at once.
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(CACHE_PREFIX) && key !== cacheName) await caches.delete(key)
      await self.clients.claim()
    })(),
  )
})

async function fromCache(url: string, request: Request): Promise<Response> {
  const hit = await caches.match(url, { cacheName })
  return hit ?? fetch(request)
}

self.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return
  // Every village's link is the same page: answer it from the cache, at once and without signal.
  if (request.mode === 'navigate' && (url.pathname === '/v' || url.pathname.startsWith('/v/'))) {
    event.respondWith(fromCache(page, request))
    return
  }
  if (precache.urls.includes(url.pathname)) event.respondWith(fromCache(url.pathname, request))
})
