import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/server/app'
import { helmetHeaders } from '../../src/server/http/security'
import type { TestDatabase } from './helpers/databases'
import { makeSqlite } from './helpers/databases'
import { fakeDist, makeFakeDist } from './helpers/fake-dist'

let app: FastifyInstance
let db: TestDatabase
let dist: string

beforeAll(async () => {
  db = await makeSqlite()
  dist = makeFakeDist()
  app = await buildApp({ database: db.handle, distDir: dist })
})
afterAll(async () => {
  await app.close()
  await db.close()
  rmSync(dist, { recursive: true, force: true })
})

describe('serving the PWA', () => {
  it('serves index.html at / with no-cache', async () => {
    const res = await app.inject({ url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(res.body).toBe(fakeDist.indexHtml)
  })

  it('marks hashed assets immutable for a year', async () => {
    const res = await app.inject({ url: '/assets/index-B2x9QkLm.js' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.body).toBe(fakeDist.entryJs)
  })

  it.each(['/sw.js', '/registerSW.js', '/workbox-5a8b1c2d.js', '/manifest.webmanifest', '/index.html', '/icon-192.png'])(
    'revalidates %s on every use',
    async (url) => {
      const res = await app.inject({ url })
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('no-cache')
    },
  )

  it('serves the manifest as application/manifest+json', async () => {
    const res = await app.inject({ url: '/manifest.webmanifest' })
    expect(res.headers['content-type']).toBe('application/manifest+json; charset=utf-8')
    expect(res.json()).toEqual({ name: '乡村夜话', short_name: '夜话', start_url: '/', display: 'standalone' })
  })

  // `/v/<code>` (a village's link) is the villager page: tests/server/villager.test.ts.
  it.each(['/suggestions', '/suggestions/new', '/enrol?code=1234-5678', '/settings/'])(
    'answers the deep link %s with index.html',
    async (url) => {
      const res = await app.inject({ url })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(res.body).toBe(fakeDist.indexHtml)
    },
  )

  it('answers a missing asset with 404, not index.html', async () => {
    const res = await app.inject({ url: '/assets/index-OLDHASH1.js' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /assets/index-OLDHASH1.js' } })
  })

  it.each([
    ['GET', '/api/nope'],
    ['GET', '/api'],
    ['GET', '/api/suggestions/123?x=1'],
    ['POST', '/api/nope'],
    ['DELETE', '/suggestions'],
  ] as const)('answers unknown %s %s with a JSON 404', async (method, url) => {
    const res = await app.inject({ method, url })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.json()).toEqual({ error: { code: 'not_found', message: `no route ${method} ${url.split('?')[0]}` } })
  })

  it.each(['/..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd'])(
    'never serves files outside the build for %s',
    async (url) => {
      const res = await app.inject({ url })
      expect(res.statusCode).toBeLessThan(500)
      expect(res.body).not.toContain('root:')
    },
  )

  it('compresses large responses with gzip or brotli as asked', async () => {
    const gzip = await app.inject({ url: '/assets/index-B2x9QkLm.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    const br = await app.inject({ url: '/assets/index-B2x9QkLm.js', headers: { 'accept-encoding': 'br, gzip' } })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.rawPayload.length).toBeLessThan(fakeDist.entryJs.length / 4)
  })

  it.each([
    ['a URL that does not decode', '/api/%zz'],
    ['a page URL that does not decode', '/suggestions/%E0%A4%A'],
  ])('sends the security headers with the 400 for %s', async (_case, url) => {
    const res = await app.inject({ url })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: { code: 'invalid_url', message: 'the URL is not valid' } })
    const expected = helmetHeaders()
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(['content-security-policy', 'x-content-type-options', 'x-frame-options']))
    for (const [name, value] of Object.entries(expected)) expect(res.headers[name]).toBe(value)
  })

  it('sends a CSP that allows only the app itself', async () => {
    const res = await app.inject({ url: '/' })
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).toContain("img-src 'self' blob: data:")
    expect(csp).toContain("worker-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toContain('upgrade-insecure-requests')
    expect(res.headers['strict-transport-security']).toBeUndefined()
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })
})

describe('without a build', () => {
  it('says the app is not built instead of failing', async () => {
    const empty = await buildApp({ database: db.handle, distDir: null })
    const page = await empty.inject({ url: '/suggestions' })
    expect(page.statusCode).toBe(503)
    expect(page.json().error.code).toBe('app_not_built')
    const api = await empty.inject({ url: '/api/health' })
    expect(api.statusCode).toBe(200)
    await empty.close()
  })
})
