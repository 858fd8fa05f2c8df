import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { HttpError, sendApiNotFound } from './errors'

/** Vite puts content-hashed files here: they never change, so caches may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Everything else (index.html, sw.js, manifest, icons) is revalidated on each use. */
const REVALIDATE = 'no-cache'

function cacheControlFor(relativePath: string): string {
  return relativePath.startsWith('assets/') ? IMMUTABLE : REVALIDATE
}

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')
}

/** `/v/<village code>` (and `/v/` alone): the villagers' page, its own entry (villager.html). */
function isVillagerPage(path: string): boolean {
  return path === '/v' || path.startsWith('/v/')
}

/**
 * Serve the built PWA from `distDir` with cache headers, and fall back to index.html for deep
 * links, or to villager.html for `/v/<code>`. `/api/*` never falls back: an unknown API route is a
 * JSON 404.
 */
export async function registerStatic(app: FastifyInstance, distDir: string | null): Promise<void> {
  if (distDir) {
    await app.register(fastifyStatic, {
      root: distDir,
      cacheControl: false,
      setHeaders(reply: FastifyReply, path: string) {
        const relative = path.slice(distDir.length).replace(/\\/g, '/').replace(/^\//, '')
        reply.header('cache-control', cacheControlFor(relative))
        if (relative.endsWith('.webmanifest')) reply.header('content-type', 'application/manifest+json; charset=utf-8')
      },
    })
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (isApi(request.url) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return sendApiNotFound(request, reply)
    }
    // A request for a missing file (it has an extension) is a real 404, not a page.
    const path = request.url.split('?')[0] ?? '/'
    if (/\.[a-z0-9]+$/i.test(path)) return sendApiNotFound(request, reply)
    // A village's link (the poster's QR code) opens the villager's page, never the cadres' app.
    const page = isVillagerPage(path) ? 'villager.html' : 'index.html'
    if (!distDir || !existsSync(join(distDir, page))) {
      throw new HttpError(503, 'app_not_built', 'the app is not built: run `npm run build` or `npm start`')
    }
    return reply.header('cache-control', REVALIDATE).sendFile(page)
  })
}
