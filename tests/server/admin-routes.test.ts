import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calendarOf, isKnownYear, workingDaysBetween } from '@shared/calendar'
import { defaultDeadlinePolicy } from '@shared/records'
import type { Township } from '@shared/records'
import { newId } from '@shared/ids'
import { issueEnrolmentCode } from '../../src/server/identity/codes'
import { currentVersion } from '../../src/server/db/versions'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, enrolAs, startApp } from './helpers/app'
import { forEachDatabase } from './helpers/databases'
import { mutation, pull, pullAll, push, suggestionArgs } from './helpers/sync'

const year2027 = {
  year: 2027,
  holidays: { '2027-01-01': '元旦', '2027-01-02': '元旦', '2027-01-03': '元旦' },
  workdays: { '2027-01-09': '元旦' },
}
const policy = { villageDays: 3, townshipDays: 5, upwardDays: 2, acceptDays: 2, reportDays: 2, closeAfterDays: 7 }

forEachDatabase((makeDb) => {
  let t: TestApp
  let admin: Record<string, string>
  let cadre: Record<string, string>
  let township: Record<string, string>
  /** An admin of a second township, to check scope. */
  let otherAdmin: Record<string, string>
  const other = { townshipId: newId(), villageId: newId(), memberId: newId() }

  beforeAll(async () => {
    t = await startApp(makeDb, { publicOrigin: 'https://yehua.example.cn' })
    admin = (await enrol(t.app, codeOf(t, 'admin'), '管理员电脑')).auth
    cadre = (await enrolAs(t, 'cadre', '张书记')).auth
    township = (await enrolAs(t, 'township')).auth
    const now = t.clock().toISOString()
    const stamp = { version: 0, createdAt: now, updatedAt: now, deletedAt: null }
    await t.db.handle.db.transaction().execute(async (trx) => {
      await t.app.ctx.records.write('townships', { ...stamp, id: other.townshipId, name: '黄岗镇', policy: { ...defaultDeadlinePolicy } }, trx)
      await t.app.ctx.records.write('villages', { ...stamp, id: other.villageId, townshipId: other.townshipId, name: '周庄村', code: 'zzc01' }, trx)
      await t.app.ctx.records.write('members', { ...stamp, id: other.memberId, townshipId: other.townshipId, villageId: null, name: '黄管理员', role: 'admin' }, trx)
    })
    otherAdmin = (await enrol(t.app, (await issueEnrolmentCode(t.app.ctx, other.memberId)).code)).auth
  })
  afterAll(() => t.close())

  const ownTownship = () => t.demo.townships[0]!
  const ownVillage = () => t.demo.villages[0]!
  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) })

  /** Every admin route with a valid request aimed at the admin's own township. */
  const routes = (): [string, 'GET' | 'POST' | 'PATCH' | 'PUT', string, unknown][] => [
    ['overview', 'GET', '/api/admin/overview', undefined],
    ['add a village', 'POST', '/api/admin/villages', { name: '新村' }],
    ['rename a village', 'PATCH', `/api/admin/villages/${ownVillage().id}`, { name: '刘土城村' }],
    ['add a member', 'POST', '/api/admin/members', { name: '新干部', role: 'cadre', villageId: ownVillage().id }],
    ['new code', 'POST', `/api/admin/members/${t.demo.members[0]!.id}/codes`, undefined],
    ['deactivate', 'POST', `/api/admin/members/${t.demo.members[0]!.id}/deactivate`, undefined],
    ['devices', 'GET', '/api/admin/devices', undefined],
    ['policy', 'PUT', '/api/admin/policy', policy],
    ['calendar', 'PUT', '/api/admin/calendar/2027', year2027],
    ['audit', 'GET', '/api/admin/audit', undefined],
  ]

  describe('every admin route', () => {
    it.each(['cadre', 'township'] as const)('refuses a %s with 403 forbidden and changes nothing', async (role) => {
      const headers = role === 'cadre' ? cadre : township
      const before = await currentVersion(t.db.handle.db)
      for (const [name, method, url, payload] of routes()) {
        const res = await inject(method, url, headers, payload)
        expect([name, res.statusCode, res.json().error?.code]).toEqual([name, 403, 'forbidden'])
      }
      expect(await currentVersion(t.db.handle.db)).toBe(before)
    })

    it('refuses a request without a device token with 401', async () => {
      for (const [name, method, url, payload] of routes()) {
        const res = await inject(method, url, {}, payload)
        expect([name, res.statusCode]).toEqual([name, 401])
      }
    })

    it('refuses another township’s admin every row of this township with 403 out_of_scope', async () => {
      const before = await currentVersion(t.db.handle.db)
      const own = routes().filter(([, , url]) => url.includes(ownVillage().id) || url.includes(t.demo.members[0]!.id))
      expect(own).toHaveLength(3)
      for (const [name, method, url, payload] of own) {
        const res = await inject(method, url, otherAdmin, payload)
        expect([name, res.statusCode, res.json().error?.code]).toEqual([name, 403, 'out_of_scope'])
      }
      const member = await inject('POST', '/api/admin/members', otherAdmin, { name: '越界', role: 'cadre', villageId: ownVillage().id })
      expect(member.statusCode).toBe(403)
      const { deviceId } = await enrolAs(t, 'collector')
      expect((await inject('POST', `/api/admin/devices/${deviceId}/revoke`, otherAdmin)).statusCode).toBe(403)
      expect(await currentVersion(t.db.handle.db)).toBe(before)
    })

    it('shows another township’s admin only its own township, villages, members, devices and log', async () => {
      const overview = (await inject('GET', '/api/admin/overview', otherAdmin)).json()
      expect(overview.township.id).toBe(other.townshipId)
      expect(overview.villages.map((v: { name: string }) => v.name)).toEqual(['周庄村'])
      expect(overview.members.map((m: { name: string }) => m.name)).toEqual(['黄管理员'])
      const devices = (await inject('GET', '/api/admin/devices', otherAdmin)).json().devices
      expect(devices.map((d: { memberName: string }) => d.memberName)).toEqual(['黄管理员'])
      // Its policy and calendar change its own row only (whatever this township set before).
      const ownBefore = await t.app.ctx.records.get('townships', ownTownship().id)
      expect((await inject('PUT', '/api/admin/policy', otherAdmin, { ...policy, villageDays: 9 })).statusCode).toBe(200)
      expect((await inject('PUT', '/api/admin/calendar/2027', otherAdmin, year2027)).statusCode).toBe(200)
      expect(await t.app.ctx.records.get('townships', ownTownship().id)).toEqual(ownBefore)
      const theirs = await t.app.ctx.records.get('townships', other.townshipId)
      expect(theirs?.policy.villageDays).toBe(9)
      expect(theirs?.holidayYears).toEqual([year2027])
      const log = (await inject('GET', '/api/admin/audit', otherAdmin)).json().entries
      expect(log.map((e: { action: string }) => e.action).sort()).toEqual(['calendar.year', 'policy.update'])
      const ownLog = (await inject('GET', '/api/admin/audit', admin)).json().entries
      expect(ownLog.map((e: { actorName: string }) => e.actorName)).not.toContain('黄管理员')
    })
  })

  describe('villages', () => {
    it('adds a village with a random public code and one with a chosen code, logged, pulled by the township', async () => {
      const cursor = await currentVersion(t.db.handle.db)
      const random = await inject('POST', '/api/admin/villages', admin, { name: '东风村' })
      expect(random.statusCode).toBe(201)
      expect(random.json().village).toMatchObject({ name: '东风村', townshipId: ownTownship().id, code: expect.stringMatching(/^[a-z0-9]{5}$/) })
      const chosen = await inject('POST', '/api/admin/villages', admin, { name: '西风村', code: ' XFC01 ' })
      expect(chosen.json().village).toMatchObject({ name: '西风村', code: 'xfc01' })
      const device = await enrolAs(t, 'township')
      const { rows } = await pullAll(t.app, device, cursor)
      expect(rows.filter((r) => r.table === 'villages').map((r) => (r.row as { name: string }).name)).toEqual(['东风村', '西风村'])
      const log = (await inject('GET', '/api/admin/audit', admin)).json().entries
      expect(log[0]).toMatchObject({ action: 'village.create', actorName: expect.any(String), detail: { name: '西风村', code: 'xfc01' } })
    })

    it('renames a village and sets its code with a newer version; the villager page answers at the new code', async () => {
      const { village } = (await inject('POST', '/api/admin/villages', admin, { name: '南村' })).json()
      const res = await inject('PATCH', `/api/admin/villages/${village.id}`, admin, { name: '南风村', code: 'nfc01' })
      expect(res.statusCode).toBe(200)
      expect(res.json().village).toMatchObject({ name: '南风村', code: 'nfc01' })
      expect(res.json().village.version).toBeGreaterThan(village.version)
      expect((await t.app.inject({ url: '/api/v/nfc01' })).json().village).toEqual({ name: '南风村', code: 'nfc01' })
    })

    it.each([
      [{ name: '' }, 'name'],
      [{ name: '村'.repeat(61) }, 'name'],
      [{ name: '北村', code: 'ab' }, 'code'],
      [{ name: '北村', code: 'a-b-c' }, 'code'],
    ])('refuses %j with 400 naming the field', async (payload, field) => {
      const res = await inject('POST', '/api/admin/villages', admin, payload)
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatchObject({ code: 'invalid_body', field })
    })

    it('refuses a code another village has, even of another township, with 409 code_taken', async () => {
      const res = await inject('POST', '/api/admin/villages', admin, { name: '北村', code: 'zzc01' })
      expect(res.statusCode).toBe(409)
      expect(res.json().error).toMatchObject({ code: 'code_taken', field: 'code' })
      const rename = await inject('PATCH', `/api/admin/villages/${ownVillage().id}`, admin, { code: 'zzc01' })
      expect(rename.json().error).toMatchObject({ code: 'code_taken' })
      expect((await inject('PATCH', `/api/admin/villages/${ownVillage().id}`, admin, {})).json().error).toMatchObject({ code: 'invalid_body' })
    })
  })

  describe('members', () => {
    it('deactivates a member: their phones answer 401 on push and pull, their rows stay, their code stops working', async () => {
      const created = (await inject('POST', '/api/admin/members', admin, { name: '李文书', role: 'collector', villageId: ownVillage().id })).json()
      const phone = await enrol(t.app, created.enrolment.code)
      const pushed = await push(t.app, phone, [mutation(1, 'suggestion.create', suggestionArgs(ownVillage().id))])
      expect(pushed.status).toBe(200)
      const unused = (await inject('POST', `/api/admin/members/${created.member.id}/codes`, admin)).json().code
      const res = await inject('POST', `/api/admin/members/${created.member.id}/deactivate`, admin)
      expect(res.statusCode).toBe(200)
      expect(res.json().member.deletedAt).toBe(t.clock().toISOString())
      expect((await push(t.app, phone, [mutation(2, 'suggestion.create', suggestionArgs(ownVillage().id))])).status).toBe(401)
      expect((await pull(t.app, phone)).status).toBe(401)
      const rows = await t.app.ctx.records.list('suggestions', { enteredBy: created.member.id })
      expect(rows).toHaveLength(1)
      const again = await t.app.inject({ method: 'POST', url: '/api/enrol', payload: { code: unused, label: 'x' } })
      expect(again.statusCode).toBe(400)
      expect((await inject('POST', `/api/admin/members/${created.member.id}/codes`, admin)).json().error).toMatchObject({ code: 'member_inactive' })
    })

    it('refuses to deactivate the admin themself', async () => {
      const me = t.demo.members.find((m) => m.role === 'admin')!
      const res = await inject('POST', `/api/admin/members/${me.id}/deactivate`, admin)
      expect(res.statusCode).toBe(409)
      expect(res.json().error).toMatchObject({ code: 'self' })
    })
  })

  describe('devices', () => {
    it('lists each phone with its member, last sync and the app version it synced with', async () => {
      const phone = await enrolAs(t, 'collector', undefined, '信息员的手机')
      await t.app.inject({
        method: 'POST', url: '/api/sync/pull?v=1.4.2', headers: phone.auth,
        payload: { deviceId: phone.deviceId, schemaVersion: (await import('@shared/sync/protocol')).SCHEMA_VERSION, cursor: 0, limit: 10, pendingFrom: null },
      })
      const devices = (await inject('GET', '/api/admin/devices', admin)).json().devices
      expect(devices.find((d: { id: string }) => d.id === phone.deviceId)).toMatchObject({
        label: '信息员的手机', appVersion: '1.4.2', lastSeenAt: t.clock().toISOString(), revokedAt: null,
      })
    })

    it('revokes a phone: its push and pull answer 401, logged once', async () => {
      const phone = await enrolAs(t, 'cadre', '张书记', '丢失的手机')
      expect((await push(t.app, phone, [mutation(1, 'suggestion.create', suggestionArgs(ownVillage().id))])).status).toBe(200)
      expect((await pull(t.app, phone)).status).toBe(200)
      const res = await inject('POST', `/api/admin/devices/${phone.deviceId}/revoke`, admin)
      expect(res.json().device).toMatchObject({ id: phone.deviceId, revokedAt: t.clock().toISOString() })
      await inject('POST', `/api/admin/devices/${phone.deviceId}/revoke`, admin)
      const push401 = await push(t.app, phone, [mutation(2, 'suggestion.create', suggestionArgs(ownVillage().id))])
      expect(push401).toMatchObject({ status: 401, body: { error: { code: 'device_revoked' } } })
      expect(await pull(t.app, phone)).toMatchObject({ status: 401, body: { error: { code: 'device_revoked' } } })
      const log = (await inject('GET', '/api/admin/audit', admin)).json().entries
      expect(log.filter((e: { targetId: string }) => e.targetId === phone.deviceId)).toMatchObject([
        { action: 'device.revoke', detail: { member: '张书记', label: '丢失的手机' } },
      ])
    })
  })

  describe('policy and calendar', () => {
    it('warns on the villager board about a deadline in a year without data, until the year is entered', async () => {
      // 2028: a year no other test enters (tests run in any order).
      const [open] = await t.app.ctx.records.list('decisions', { villageId: ownVillage().id, status: 'open' })
      await t.db.handle.db.transaction().execute((trx) => t.app.ctx.records.write('decisions', { ...open!, dueOn: '2028-01-05' }, trx))
      const board = () => t.app.inject({ url: `/api/v/${ownVillage().code}` }).then((res) => res.json())
      const dueOf = (answer: { board: { decisions: { dueOn: string; due: { workingDaysLeft: number } }[] } }) =>
        answer.board.decisions.find((d) => d.dueOn === '2028-01-05')!.due
      const before = await board()
      expect(before.unknownYears).toContain(2028)
      const year2028 = { year: 2028, holidays: { '2028-01-01': '元旦', '2028-01-02': '元旦', '2028-01-03': '元旦' }, workdays: {} }
      expect((await inject('PUT', '/api/admin/calendar/2028', admin, year2028)).statusCode).toBe(200)
      const after = await board()
      expect(after.unknownYears).not.toContain(2028)
      // Monday 3 January 2028 is 元旦 now, no longer a working day.
      expect(dueOf(after)).toEqual({ status: 'on_time', workingDaysLeft: dueOf(before).workingDaysLeft - 1 })
    })

    it('updates the policy on the township row, which the village’s phones pull; stored deadlines keep their dates', async () => {
      const phone = await enrolAs(t, 'cadre', '张书记')
      const { last } = await pullAll(t.app, phone)
      const decisions = await t.app.ctx.records.list('decisions')
      const res = await inject('PUT', '/api/admin/policy', admin, policy)
      expect(res.statusCode).toBe(200)
      expect(res.json().township.policy).toEqual(policy)
      const { rows } = await pullAll(t.app, phone, last.cursor)
      expect(rows.find((r) => r.table === 'townships')?.row).toMatchObject({ id: ownTownship().id, policy })
      expect(await t.app.ctx.records.list('decisions')).toEqual(decisions)
    })

    it.each([
      [{ ...policy, villageDays: 0 }, 'villageDays'],
      [{ ...policy, townshipDays: 31 }, 'townshipDays'],
      [{ ...policy, extra: 1 }, ''],
    ])('refuses the policy %j with 400', async (payload, field) => {
      const res = await inject('PUT', '/api/admin/policy', admin, payload)
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('invalid_body')
      if (field) expect(res.json().error.field).toBe(field)
    })

    it('enters a year: phones pull it and count working days across 元旦 with it', async () => {
      const phone = await enrolAs(t, 'cadre', '张书记')
      const { last } = await pullAll(t.app, phone)
      const res = await inject('PUT', '/api/admin/calendar/2027', admin, year2027)
      expect(res.statusCode).toBe(200)
      const { rows } = await pullAll(t.app, phone, last.cursor)
      const row = rows.find((r) => r.table === 'townships')?.row as Township
      // Only this year matters here: another test may have entered 2028 (tests run in any order).
      const entered = (years: { year: number }[] | null | undefined) => (years ?? []).filter((y) => y.year === 2027)
      expect(entered(row.holidayYears)).toEqual([year2027])
      expect(isKnownYear(calendarOf(row), 2027)).toBe(true)
      expect(workingDaysBetween(calendarOf(row), '2026-12-04', '2027-01-04')).toBe(20)
      // Entering it again replaces it.
      const changed = { ...year2027, workdays: {} }
      const again = (await inject('PUT', '/api/admin/calendar/2027', admin, changed)).json()
      expect(entered(again.township.holidayYears)).toEqual([changed])
    })

    it.each([
      ['a date of another year', { ...year2027, holidays: { '2026-12-31': '元旦' } }, 'date_outside_year'],
      ['a day both off and working', { ...year2027, workdays: { '2027-01-02': '元旦' } }, 'both_holiday_and_workday'],
      ['a 调休 day on a weekday', { ...year2027, workdays: { '2027-01-04': '元旦' } }, 'workday_not_weekend'],
      ['another year than the address', { ...year2027, year: 2028, holidays: { '2028-01-01': '元旦' } }, undefined],
    ])('refuses %s with 400 in words', async (_name, payload, message) => {
      const res = await inject('PUT', '/api/admin/calendar/2027', admin, payload)
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('invalid_body')
      if (message) expect(res.json().error.message).toBe(message)
    })

  })
})
