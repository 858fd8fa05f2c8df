import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deviceSummary, issuedCode } from '@shared/api/identity'
import { defaultDeadlinePolicy, member as memberSchema } from '@shared/records'
import { newId } from '@shared/ids'
import { issueEnrolmentCode } from '../../src/server/identity/codes'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, enrolAs, startApp } from './helpers/app'
import { forEachDatabase } from './helpers/databases'

forEachDatabase((makeDb) => {
  let t: TestApp
  let admin: Record<string, string>
  /** An admin of a second township, to check scope. */
  let otherAdmin: Record<string, string>

  beforeAll(async () => {
    t = await startApp(makeDb, { publicOrigin: 'https://yehua.example.cn' })
    admin = (await enrol(t.app, codeOf(t, 'admin'), '管理员电脑')).auth
    const now = t.clock().toISOString()
    const other = { id: newId(), version: 0, createdAt: now, updatedAt: now, deletedAt: null }
    const otherAdminId = newId()
    await t.db.handle.db.transaction().execute(async (trx) => {
      await t.app.ctx.records.write('townships', { ...other, name: '黄岗镇', policy: { ...defaultDeadlinePolicy } }, trx)
      await t.app.ctx.records.write('members', { ...other, id: otherAdminId, townshipId: other.id, villageId: null, name: '黄管理员', role: 'admin' }, trx)
    })
    otherAdmin = (await enrol(t.app, (await issueEnrolmentCode(t.app.ctx, otherAdminId)).code)).auth
  })
  afterAll(() => t.close())

  /** A new phone of 张书记, for a test of its own (one test revokes its phone). */
  const newCadre = (label?: string) => enrolAs(t, 'cadre', '张书记', label)

  describe('POST /api/admin/members', () => {
    it('creates a cadre in the admin’s township with a code, link and QR code', async () => {
      const village = t.demo.villages[1]!
      const res = await t.app.inject({
        method: 'POST', url: '/api/admin/members', headers: admin, payload: { name: '孙主任', role: 'cadre', villageId: village.id },
      })
      expect(res.statusCode).toBe(201)
      const { member, enrolment } = res.json()
      expect(memberSchema.parse(member)).toEqual({
        id: expect.any(String), version: expect.any(Number), createdAt: t.clock().toISOString(), updatedAt: t.clock().toISOString(),
        deletedAt: null, townshipId: t.demo.townships[0]!.id, villageId: village.id, name: '孙主任', role: 'cadre',
      })
      expect(issuedCode.parse(enrolment)).toEqual({
        memberId: member.id,
        code: expect.stringMatching(/^\d{4}-\d{4}$/),
        expiresAt: new Date(t.clock().getTime() + 7 * 24 * 3600 * 1000).toISOString(),
        enrolUrl: `https://yehua.example.cn/enrol?code=${enrolment.code}`,
        qrSvg: expect.stringMatching(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>\n?$/),
      })
      expect(await t.app.ctx.records.get('members', member.id)).toEqual(member)
      const enrolled = await enrol(t.app, enrolment.code)
      expect(enrolled.body).toMatchObject({ actor: { role: 'cadre', villageId: village.id }, member: { name: '孙主任' } })
    })

    it('creates township staff without a village', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/admin/members', headers: admin, payload: { name: '钱干事', role: 'township' } })
      expect(res.statusCode).toBe(201)
      expect(res.json().member).toMatchObject({ role: 'township', villageId: null })
    })

    it.each([
      [{ name: '甲', role: 'cadre' }, 'villageId'],
      [{ name: '', role: 'admin' }, 'name'],
      [{ name: '乙', role: 'villager' }, 'role'],
      [{ name: '丙', role: 'collector', villageId: '01900000-0000-7000-8000-00000000ffff' }, 'villageId'],
      [{ name: '钱\u0000干事', role: 'township' }, 'name'],
    ])('refuses %j with 400 naming the field', async (payload, field) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/admin/members', headers: admin, payload })
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatchObject({ code: 'invalid_body', field })
    })

    it('refuses a village of another township', async () => {
      const res = await t.app.inject({
        method: 'POST', url: '/api/admin/members', headers: otherAdmin, payload: { name: '丁', role: 'cadre', villageId: t.demo.villages[0]!.id },
      })
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('out_of_scope')
    })

    it.each(['cadre', 'township'] as const)('is for admins only: a %s gets 403 forbidden', async (role) => {
      const headers = (await (role === 'cadre' ? newCadre() : enrolAs(t, 'township'))).auth
      const res = await t.app.inject({ method: 'POST', url: '/api/admin/members', headers, payload: { name: '戊', role: 'township' } })
      expect(res.statusCode).toBe(403)
      expect(res.json()).toEqual({ error: { code: 'forbidden', message: 'only admin may do this' } })
    })

    it('needs a device token', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/admin/members', payload: { name: '己', role: 'township' } })
      expect(res.statusCode).toBe(401)
      expect(res.json().error.code).toBe('unauthenticated')
    })
  })

  describe('POST /api/admin/members/:id/codes', () => {
    it('issues a new code that replaces the previous unused one', async () => {
      const wang = t.demo.members.find((m) => m.name === '王大姐')!
      const first = (await t.app.inject({ method: 'POST', url: `/api/admin/members/${wang.id}/codes`, headers: admin })).json()
      const second = await t.app.inject({ method: 'POST', url: `/api/admin/members/${wang.id}/codes`, headers: admin })
      expect(second.statusCode).toBe(201)
      expect(issuedCode.parse(second.json()).memberId).toBe(wang.id)
      const old = await t.app.inject({ method: 'POST', url: '/api/enrol', payload: { code: first.code, label: 'x' } })
      expect(old.json().error.code).toBe('code_expired')
      expect((await enrol(t.app, second.json().code)).body).toMatchObject({ member: { id: wang.id } })
    })

    it('refuses an admin of another township with 403', async () => {
      const wang = t.demo.members.find((m) => m.name === '王大姐')!
      const res = await t.app.inject({ method: 'POST', url: `/api/admin/members/${wang.id}/codes`, headers: otherAdmin })
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('out_of_scope')
    })

    it.each([
      ['01900000-0000-7000-8000-00000000ffff', 404, 'not_found'],
      ['not-a-uuid', 400, 'invalid_body'],
    ])('answers member %s with %i', async (id, status, code) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/admin/members/${id}/codes`, headers: admin })
      expect(res.statusCode).toBe(status)
      expect(res.json().error.code).toBe(code)
    })
  })

  describe('devices', () => {
    it('lists the devices of the admin’s own township only', async () => {
      const { deviceId: cadreDeviceId } = await newCadre('张书记的手机')
      const res = await t.app.inject({ url: '/api/admin/devices', headers: admin })
      expect(res.statusCode).toBe(200)
      const devices = res.json().devices.map((d: unknown) => deviceSummary.parse(d))
      const cadreDevice = devices.find((d: { id: string }) => d.id === cadreDeviceId)
      expect(cadreDevice).toEqual({
        id: cadreDeviceId, memberId: t.demo.members[0]!.id, memberName: '张书记', role: 'cadre',
        villageId: t.demo.villages[0]!.id, label: '张书记的手机', createdAt: t.clock().toISOString(),
        lastSeenAt: t.clock().toISOString(), revokedAt: null, appVersion: null,
      })
      expect(devices.map((d: { memberName: string }) => d.memberName)).not.toContain('黄管理员')
      const other = (await t.app.inject({ url: '/api/admin/devices', headers: otherAdmin })).json()
      expect(other.devices.map((d: { memberName: string }) => d.memberName)).toEqual(['黄管理员'])
    })

    it('refuses to revoke a device of another township', async () => {
      const { deviceId: cadreDeviceId } = await newCadre()
      const res = await t.app.inject({ method: 'POST', url: `/api/admin/devices/${cadreDeviceId}/revoke`, headers: otherAdmin })
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('out_of_scope')
    })

    it('refuses a cadre', async () => {
      const { deviceId: cadreDeviceId, auth: cadre } = await newCadre()
      const res = await t.app.inject({ method: 'POST', url: `/api/admin/devices/${cadreDeviceId}/revoke`, headers: cadre })
      expect(res.statusCode).toBe(403)
    })

    it('revokes a lost phone: its token stops working at once', async () => {
      const { deviceId: cadreDeviceId, auth: cadre } = await newCadre()
      expect((await t.app.inject({ url: '/api/session', headers: cadre })).statusCode).toBe(200)
      t.clock.advance(5000)
      const res = await t.app.inject({ method: 'POST', url: `/api/admin/devices/${cadreDeviceId}/revoke`, headers: admin })
      expect(res.statusCode).toBe(200)
      expect(res.json().device).toMatchObject({ id: cadreDeviceId, revokedAt: t.clock().toISOString() })
      const after = await t.app.inject({ url: '/api/session', headers: cadre })
      expect(after.statusCode).toBe(401)
      expect(after.json().error.code).toBe('device_revoked')
    })

    it('answers an unknown device with 404', async () => {
      const res = await t.app.inject({ method: 'POST', url: `/api/admin/devices/${newId()}/revoke`, headers: admin })
      expect(res.statusCode).toBe(404)
      expect(res.json().error.code).toBe('not_found')
    })
  })
})
