import { createHmac, randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/server/app'
import { readConfig } from '../../src/server/config'
import { issueEnrolmentCode } from '../../src/server/identity/codes'
import { FAILURES_PER_CODE } from '../../src/server/identity/enrolGuard'
import { sha256 } from '../../src/server/identity/secrets'
import type { TestApp } from './helpers/app'
import { codeOf, startApp } from './helpers/app'
import { forEachDatabase } from './helpers/databases'

// Guessing enrolment codes (8 digits): the per-address limit keys on the address the trusted
// proxy saw, a global count of wrong codes pauses enrolment, a code tried wrongly too often waits,
// and codes are stored under a keyed hash.

const HOUR = 60 * 60 * 1000

forEachDatabase((makeDb) => {
  let t: TestApp
  afterEach(() => t.close())

  const enrolAt = (address: string, code: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/enrol', remoteAddress: address, headers, payload: { code, label: '测试手机' } })
  const randomAddress = () => `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`

  describe('behind one proxy (TRUST_PROXY=1)', () => {
    it('keys the per-address limit on the address the proxy saw, not on what the client wrote', async () => {
      t = await startApp(makeDb, { trustProxy: readConfig({ TRUST_PROXY: '1' }).trustProxy, rateLimit: { max: 20, timeWindow: 60_000 } })
      const statuses: number[] = []
      for (let i = 0; i < 25; i++) {
        // The client writes any X-Forwarded-For it likes; the proxy appends the address it saw.
        const res = await enrolAt('127.0.0.1', `${String(i).padStart(4, '0')}-0000`, { 'x-forwarded-for': `${randomAddress()}, 203.0.113.7` })
        statuses.push(res.statusCode)
      }
      expect(statuses).toEqual([...Array(20).fill(400), ...Array(5).fill(429)])
      // Another client behind the same proxy is not held up.
      const other = await enrolAt('127.0.0.1', codeOf(t, 'cadre', '张书记'), { 'x-forwarded-for': '203.0.113.8' })
      expect(other.statusCode).toBe(201)
    })
  })

  describe('wrong codes over all addresses', () => {
    it('pauses enrolment for the hour once the hour’s wrong codes reach the limit, a right code too', async () => {
      t = await startApp(makeDb, { enrolFailuresPerHour: 10 })
      for (let i = 0; i < 10; i++) expect((await enrolAt(randomAddress(), `${String(i).padStart(4, '0')}-1111`)).statusCode).toBe(400)
      const paused = await enrolAt(randomAddress(), codeOf(t, 'cadre', '张书记'))
      expect(paused.statusCode).toBe(429)
      // The enrol page says in words to try again later, as for the per-address limit.
      expect(paused.json().error).toEqual({ code: 'rate_limited', field: 'code', message: 'too many wrong enrolment codes on this server; enrolment waits another 60 min' })
      expect(Number(paused.headers['retry-after'])).toBe(3600)
      t.clock.advance(HOUR)
      expect((await enrolAt(randomAddress(), codeOf(t, 'cadre', '张书记'))).statusCode).toBe(201)
    })

    it(`locks a code tried wrongly ${FAILURES_PER_CODE} times for the hour, from any address`, async () => {
      t = await startApp(makeDb)
      const used = codeOf(t, 'cadre', '张书记')
      expect((await enrolAt(randomAddress(), used)).statusCode).toBe(201)
      for (let i = 0; i < FAILURES_PER_CODE; i++) expect((await enrolAt(randomAddress(), used)).json().error.code).toBe('code_used')
      const locked = await enrolAt(randomAddress(), used)
      expect(locked.statusCode).toBe(429)
      expect(locked.json().error).toEqual({ code: 'rate_limited', field: 'code', message: 'this enrolment code was tried wrongly too often; it waits another 60 min' })
      // Other codes are not held up.
      expect((await enrolAt(randomAddress(), codeOf(t, 'cadre', '刘主任'))).statusCode).toBe(201)
      t.clock.advance(HOUR)
      expect((await enrolAt(randomAddress(), used)).json().error.code).toBe('code_used')
    })
  })

  describe('codes at rest', () => {
    it('stores a code under an HMAC with the server’s key, so a copy of the database does not give it away', async () => {
      const codeKey = randomBytes(32)
      t = await startApp(makeDb, { codeKey })
      const admin = t.demo.members.find((m) => m.role === 'admin')!
      const { code } = await issueEnrolmentCode(t.app.ctx, admin.id)
      const digits = code.replace('-', '')
      const stored = await t.db.handle.db.selectFrom('enrolment_codes').select('codeHash').where('memberId', '=', admin.id).where('kind', '=', 'issued').execute()
      expect(stored.map((row) => row.codeHash)).toEqual([createHmac('sha256', codeKey).update(digits).digest('hex')])
      expect(stored[0]!.codeHash).not.toBe(sha256(digits))

      // A server with another key (one without this server's secret) finds no such code.
      const stranger = await buildApp({ database: t.db.handle, distDir: null, clock: t.clock, codeKey: randomBytes(32) })
      try {
        const res = await stranger.inject({ method: 'POST', url: '/api/enrol', payload: { code, label: 'x' } })
        expect(res.json().error.code).toBe('code_unknown')
      } finally {
        await stranger.close()
      }
      expect((await enrolAt('10.0.0.1', code)).statusCode).toBe(201)
    })

    it('still takes a code issued before codes were keyed (stored as its SHA-256) until it lapses', async () => {
      t = await startApp(makeDb)
      const admin = t.demo.members.find((m) => m.role === 'admin')!
      const now = t.clock()
      await t.db.handle.db.insertInto('enrolment_codes').values({
        codeHash: sha256('48291375'), memberId: admin.id, kind: 'issued', createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + HOUR).toISOString(), usedAt: null,
      }).execute()
      expect((await enrolAt('10.0.0.2', '4829-1375')).statusCode).toBe(201)
      expect((await enrolAt('10.0.0.3', '4829-1375')).json().error.code).toBe('code_used')
    })
  })
})
