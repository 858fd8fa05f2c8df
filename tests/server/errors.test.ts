import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, startApp } from './helpers/app'
import { forEachDatabase } from './helpers/databases'

forEachDatabase((makeDb) => {
  let t: TestApp
  let admin: Record<string, string>
  beforeAll(async () => {
    t = await startApp(makeDb, { rateLimit: { max: 1000, timeWindow: 60_000 } })
    // A route that fails the way a database error would, to see what the caller is told.
    t.app.get('/api/test-failure', async () => {
      throw new Error('SQLITE_ERROR: no such column "secret" at /srv/yehua/src/server/db.ts:42')
    })
    admin = (await enrol(t.app, codeOf(t, 'admin'))).auth
  })
  afterAll(() => t.close())

  describe('error answers', () => {
    it('answers a body over 1 MiB with 413 payload_too_large', async () => {
      const res = await t.app.inject({
        method: 'POST', url: '/api/enrol', payload: { code: '1234-5678', label: 'x'.repeat(1024 * 1024) },
      })
      expect(res.statusCode).toBe(413)
      expect(res.json()).toEqual({ error: { code: 'payload_too_large', message: 'request body is too large' } })
    })

    it('answers malformed JSON with 400 invalid_json', async () => {
      const res = await t.app.inject({
        method: 'POST', url: '/api/enrol', headers: { 'content-type': 'application/json' }, payload: '{"code": "1234-',
      })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ error: { code: 'invalid_json', message: 'request body is not valid JSON' } })
    })

    it('answers an empty JSON body with 400 invalid_json', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/enrol', headers: { 'content-type': 'application/json' }, payload: '' })
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('invalid_json')
    })

    it('answers a form post with 415 unsupported_media_type', async () => {
      const res = await t.app.inject({
        method: 'POST', url: '/api/enrol', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'code=1',
      })
      expect(res.statusCode).toBe(415)
      expect(res.json().error.code).toBe('unsupported_media_type')
    })

    it('hides the cause of a server failure', async () => {
      const res = await t.app.inject({ url: '/api/test-failure' })
      expect(res.statusCode).toBe(500)
      expect(res.json()).toEqual({ error: { code: 'internal_error', message: 'the server could not complete the request' } })
      expect(res.body).not.toMatch(/SQLITE|secret|\.ts/)
    })

    // Hostile or careless requests: each must be a coded 4xx, never a 5xx.
    it.each([
      ['null body', 'POST', '/api/enrol', { 'content-type': 'application/json' }, 'null'],
      ['a JSON string', 'POST', '/api/enrol', { 'content-type': 'application/json' }, '"1234-5678"'],
      ['an operator object', 'POST', '/api/enrol', { 'content-type': 'application/json' }, '{"code":{"$gt":""},"label":"x"}'],
      ['a __proto__ key', 'POST', '/api/enrol', { 'content-type': 'application/json' }, '{"code":"1234-5678","label":"x","__proto__":{"admin":true}}'],
      ['plain text', 'POST', '/api/enrol', { 'content-type': 'text/plain' }, 'hello'],
      ['no body', 'POST', '/api/enrol', {}, undefined],
      ['the wrong method', 'GET', '/api/enrol', {}, undefined],
      ['an empty bearer', 'GET', '/api/session', { authorization: 'Bearer ' }, undefined],
      ['a non-ASCII token', 'GET', '/api/session', { authorization: `Bearer ${'é'.repeat(40)}` }, undefined],
      ['a 5000-character token', 'GET', '/api/session', { authorization: `Bearer ${'a'.repeat(5000)}` }, undefined],
      ['no token', 'POST', '/api/admin/members', { 'content-type': 'application/json' }, '{"name":"x","role":"admin"}'],
      ['a broken URL escape', 'POST', '/api/admin/members/%E0%A4%A/codes', {}, undefined],
      ['a very long id', 'POST', `/api/admin/members/${'a'.repeat(200)}/codes`, {}, undefined],
    ])('answers %s with a coded 4xx', async (_case, method, url, headers, payload) => {
      const res = await t.app.inject({ method: method as 'GET' | 'POST', url, headers, ...(payload === undefined ? {} : { payload }) })
      expect(res.statusCode).toBeGreaterThanOrEqual(400)
      expect(res.statusCode).toBeLessThan(500)
      expect(res.json().error.code).toMatch(/^[a-z_]+$/)
    })

    it.each([
      ['{"name":"x".repeat}', 'invalid_json'],
      ['{"name":"' + '长'.repeat(41) + '","role":"admin"}', 'invalid_body'],
      ['{"name":"x","role":"cadre","villageId":null}', 'invalid_body'],
    ])('answers a bad admin body (%#) with 400 %s', async (payload, code) => {
      const res = await t.app.inject({
        method: 'POST', url: '/api/admin/members', headers: { ...admin, 'content-type': 'application/json' }, payload,
      })
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe(code)
    })
  })

  describe('rate limit', () => {
    let t: TestApp
    beforeAll(async () => {
      t = await startApp(makeDb, { rateLimit: { max: 3, timeWindow: 60_000 } })
    })
    afterAll(() => t.close())

    it('limits enrolment attempts per address with 429 rate_limited', async () => {
      const attempt = () => t.app.inject({ method: 'POST', url: '/api/enrol', payload: { code: '0000-0000', label: 'x' } })
      expect([(await attempt()).statusCode, (await attempt()).statusCode, (await attempt()).statusCode]).toEqual([400, 400, 400])
      const limited = await attempt()
      expect(limited.statusCode).toBe(429)
      expect(limited.json().error.code).toBe('rate_limited')
      expect(limited.headers['retry-after']).toBe('60')
    })

    it('does not limit authenticated routes', async () => {
      const { auth } = await enrolFromAnotherAddress(t)
      const statuses = []
      for (let i = 0; i < 10; i++) statuses.push((await t.app.inject({ url: '/api/session', headers: auth })).statusCode)
      expect(statuses).toEqual(Array(10).fill(200))
    })
  })
})

/** Enrol from an address that has not used up its enrol attempts. */
async function enrolFromAnotherAddress(t: TestApp) {
  const res = await t.app.inject({
    method: 'POST', url: '/api/enrol', remoteAddress: '10.9.9.9', payload: { code: codeOf(t, 'cadre', '张书记'), label: 'x' },
  })
  expect(res.statusCode).toBe(201)
  return { auth: { authorization: `Bearer ${res.json().token}` } }
}
