import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrolResponse, sessionResponse } from '@shared/api/identity'
import { issueEnrolmentCode } from '../../src/server/identity/codes'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, startApp } from './helpers/app'
import { DAY } from './helpers/clock'
import { forEachDatabase } from './helpers/databases'

forEachDatabase((makeDb) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startApp(makeDb)
  })
  afterAll(() => t.close())

  const post = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/enrol', payload: payload as object })

  describe('POST /api/enrol', () => {
    it('trades a cadre code for a device token and the session', async () => {
      const res = await post({ code: codeOf(t, 'cadre', '张书记'), label: '张书记的手机' })
      expect(res.statusCode).toBe(201)
      const body = enrolResponse.parse(res.json())
      const [ltc] = t.demo.villages
      const zhang = t.demo.members.find((m) => m.name === '张书记')!
      expect(body).toEqual({
        deviceId: expect.any(String),
        token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        actor: { role: 'cadre', memberId: zhang.id, villageId: ltc!.id, townshipId: t.demo.townships[0]!.id },
        member: { id: zhang.id, name: '张书记', role: 'cadre' },
        village: ltc,
        township: t.demo.townships[0],
      })
      const stored = await t.app.ctx.devices.findById(body.deviceId)
      expect(stored).toMatchObject({ memberId: zhang.id, label: '张书记的手机', revokedAt: null, lastMid: 0 })
      expect(stored?.tokenHash).not.toContain(body.token)
    })

    it('gives township staff an actor without a village', async () => {
      const { body } = await enrol(t.app, codeOf(t, 'township'))
      expect(body).toMatchObject({ actor: { role: 'township', villageId: null }, village: null, member: { name: '陈干事' } })
    })

    it('accepts a code typed with spaces instead of the dash', async () => {
      const code = codeOf(t, 'collector', '王大姐').replace('-', ' ')
      expect((await post({ code: ` ${code} `, label: '王大姐' })).statusCode).toBe(201)
    })

    it('refuses a code the second time', async () => {
      const code = codeOf(t, 'collector', '孙建国')
      expect((await post({ code, label: 'first' })).statusCode).toBe(201)
      const again = await post({ code, label: 'second' })
      expect(again.statusCode).toBe(400)
      expect(again.json()).toEqual({ error: { code: 'code_used', message: 'this enrolment code was already used', field: 'code' } })
    })

    it('refuses an expired code', async () => {
      const admin = t.demo.members.find((m) => m.role === 'admin')!
      const issued = await issueEnrolmentCode(t.app.ctx, admin.id)
      t.clock.advance(7 * DAY + 1)
      const res = await post({ code: issued.code, label: 'late' }).finally(() => t.clock.advance(-(7 * DAY + 1)))
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('code_expired')
    })

    it('refuses an unknown code', async () => {
      const res = await post({ code: '0000-0000', label: 'guess' })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ error: { code: 'code_unknown', message: 'no such enrolment code', field: 'code' } })
    })

    it.each([
      [{ code: '123-456', label: 'x' }, 'code'],
      [{ code: 'abcd-efgh', label: 'x' }, 'code'],
      [{ code: 12345678, label: 'x' }, 'code'],
      [{ code: '1234-5678', label: '' }, 'label'],
      [{ code: '1234-5678' }, 'label'],
      [{ label: 'x' }, 'code'],
      [[], undefined],
      [{ code: '1234-5678', label: '张书记\u0000的手机' }, 'label'],
      [{ code: '1234\u00005678', label: 'x' }, 'code'],
      [{ code: '1'.repeat(25), label: 'x' }, 'code'],
    ])('answers a malformed body %j with 400 invalid_body', async (payload, field) => {
      const res = await post(payload)
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatchObject({ code: 'invalid_body', ...(field ? { field } : {}) })
    })
  })

  describe('GET /api/session', () => {
    it('returns the enrol answer without the token', async () => {
      const { auth, body } = await enrol(t.app, codeOf(t, 'cadre', '孙书记'))
      const res = await t.app.inject({ url: '/api/session', headers: auth })
      expect(res.statusCode).toBe(200)
      const { token: _token, ...session } = body as typeof body & { token: string }
      expect(sessionResponse.parse(res.json())).toEqual(session)
      expect(res.json()).not.toHaveProperty('token')
    })

    it.each([
      ['no header', undefined],
      ['a malformed header', 'Token abc'],
      ['an unknown token', `Bearer ${'x'.repeat(43)}`],
    ])('answers %s with 401 unauthenticated', async (_case, authorization) => {
      const res = await t.app.inject({ url: '/api/session', headers: authorization ? { authorization } : {} })
      expect(res.statusCode).toBe(401)
      expect(res.json().error.code).toBe('unauthenticated')
    })

    it('answers a revoked device with 401 device_revoked', async () => {
      const { auth, deviceId } = await enrol(t.app, codeOf(t, 'cadre', '刘主任'))
      await t.app.ctx.devices.revoke(deviceId, t.clock().toISOString())
      const res = await t.app.inject({ url: '/api/session', headers: auth })
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ error: { code: 'device_revoked', message: 'this device was revoked' } })
    })

    it('records when a device was last seen, at most once a minute', async () => {
      const { auth, deviceId } = await enrol(t.app, codeOf(t, 'admin'))
      const enrolledAt = (await t.app.ctx.devices.findById(deviceId))!.lastSeenAt
      t.clock.advance(30_000)
      await t.app.inject({ url: '/api/session', headers: auth })
      expect((await t.app.ctx.devices.findById(deviceId))!.lastSeenAt).toBe(enrolledAt)
      t.clock.advance(60_000)
      await t.app.inject({ url: '/api/session', headers: auth })
      expect((await t.app.ctx.devices.findById(deviceId))!.lastSeenAt).toBe(t.clock().toISOString())
    })
  })
})
