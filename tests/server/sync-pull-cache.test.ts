import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MemberRole, Suggestion, TableName } from '@shared/records'
import { buildApp } from '../../src/server/app'
import { sha256 } from '../../src/server/identity/secrets'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, enrolAs, startApp } from './helpers/app'
import { forEachDatabase } from './helpers/databases'
import type { TestDevice } from './helpers/sync'
import { mutation, pull, push, suggestionArgs } from './helpers/sync'

// The pull reuses a token's cached authentication and, per server process, pages read earlier
// for the same scope, cursor and limit (src/server/sync/pageCache.ts). These tests pull through
// one app so that its caches fill, change the data behind them, and compare every later answer
// with a server that has never cached anything: a second app on the same database.

forEachDatabase((makeDb) => {
  let t: TestApp
  let admin: TestDevice
  /** Two cadres of 刘土城村. */
  let zhang: TestDevice
  let liu: TestDevice
  /** 王大姐, the demo collector of 刘土城村. */
  let wang: TestDevice
  let ltc: string
  /** Next outbox mid per device id. */
  const mids = new Map<string, number>()

  beforeAll(async () => {
    t = await startApp(makeDb)
    admin = await enrol(t.app, codeOf(t, 'admin'))
    ltc = t.demo.villages[0]!.id
  })
  afterAll(() => t.close())
  // New phones for every test: a pull answers the device's own lastMid, which pushes move.
  beforeEach(async () => {
    zhang = await enrolAs(t, 'cadre', '张书记')
    liu = await enrolAs(t, 'cadre', '刘主任')
    wang = await enrolAs(t, 'collector', '王大姐')
  })

  /** Push mutations from a device with its next mids; every one must be taken, none refused. */
  async function pushAs(device: TestDevice, ...calls: [name: string, args: unknown][]) {
    const first = mids.get(device.deviceId) ?? 1
    const res = await push(t.app, device, calls.map(([name, args], i) => mutation(first + i, name, args)))
    mids.set(device.deviceId, first + calls.length)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ lastMid: first + calls.length - 1, rejections: [], stopped: null })
  }

  /** What a server process that has cached nothing answers the same device and request. */
  async function freshPull(device: TestDevice, request: Parameters<typeof pull>[2] = {}) {
    const fresh = await buildApp({ database: t.db.handle, distDir: null, clock: t.clock })
    try {
      return await pull(fresh, device, request)
    } finally {
      await fresh.close()
    }
  }

  /** A new member of 刘土城村 created by the admin, and a device enrolled with its code. */
  async function newMember(role: Extract<MemberRole, 'cadre' | 'collector'>, name: string) {
    const res = await t.app.inject({
      method: 'POST', url: '/api/admin/members', headers: admin.auth, payload: { name, role, villageId: ltc },
    })
    expect(res.statusCode).toBe(201)
    const { member, enrolment } = res.json<{ member: { id: string }; enrolment: { code: string } }>()
    return { memberId: member.id, device: await enrol(t.app, enrolment.code) }
  }

  /** The newest version handed out so far: a cursor from which only later changes are pulled. */
  async function head(device: TestDevice): Promise<number> {
    const { body } = await pull(t.app, device)
    return body.cursor
  }

  type Rows = { table: TableName; row: Record<string, unknown> }[]
  const suggestionIn = (rows: Rows, id: string) =>
    rows.find((r) => r.table === 'suggestions' && r.row.id === id)?.row as Suggestion | undefined
  const phoneIn = (rows: Rows, id: string) => suggestionIn(rows, id)?.submitterPhone

  describe('cached pages', () => {
    it('gives two cadres of one village the same pages from the same cursor as an uncached server', async () => {
      for (const request of [{ cursor: 0 }, { cursor: 0, limit: 3 }]) {
        const first = await pull(t.app, zhang, request)
        const second = await pull(t.app, liu, request)
        expect(first.status).toBe(200)
        expect(second.body).toEqual(first.body)
        expect((await freshPull(liu, request)).body).toEqual(first.body)
      }
    })

    it('includes a suggestion pushed after a page was cached in the next pull from that cursor', async () => {
      const cursor = await head(zhang)
      const fromZero = (await pull(t.app, zhang)).body
      expect((await pull(t.app, liu, { cursor })).body.rows).toEqual([])
      const args = suggestionArgs(ltc, { content: '缓存之后新提的意见：村口需要一面反光镜。' })
      await pushAs(liu, ['suggestion.create', args])

      const since = (await pull(t.app, zhang, { cursor })).body
      expect(since.rows.map((r) => [r.table, r.row.id])).toEqual([['suggestions', args.id]])
      const again = (await pull(t.app, zhang)).body
      expect(again.rows).toHaveLength(fromZero.rows.length + 1)
      expect(suggestionIn(again.rows, args.id)).toMatchObject({ content: args.content })
      // The other cadre, pulling the old cursors after the cache was refreshed, agrees with a fresh server.
      expect((await pull(t.app, liu, { cursor })).body).toEqual(await freshPull(liu, { cursor }).then((r) => r.body))
      expect((await pull(t.app, liu)).body).toEqual(await freshPull(liu).then((r) => r.body))
    })

    it('shows the new content of a row edited after the page holding it was cached', async () => {
      const args = suggestionArgs(ltc, { content: '小学门口缺一条斑马线。' })
      const cursor = await head(zhang)
      await pushAs(zhang, ['suggestion.create', args])
      const before = (await pull(t.app, zhang, { cursor })).body
      expect(suggestionIn(before.rows, args.id)).toMatchObject({ status: 'new', answer: null })
      // The same page; only lastMid is the other phone's own (it has pushed nothing).
      expect((await pull(t.app, liu, { cursor })).body).toEqual({ ...before, lastMid: 0 })

      await pushAs(liu, ['suggestion.answer', { id: args.id, answer: '已报镇交通办，下月施划斑马线。' }])
      const after = (await pull(t.app, zhang, { cursor })).body
      expect(after.rows.filter((r) => r.row.id === args.id)).toHaveLength(1)
      expect(suggestionIn(after.rows, args.id)).toMatchObject({ status: 'answered', answer: '已报镇交通办，下月施划斑马线。' })
      expect(after.cursor).toBeGreaterThan(before.cursor)
      expect(after).toEqual((await freshPull(zhang, { cursor })).body)
    })

    it('shows the edit of a demo row in the page from cursor 0 once it was cached', async () => {
      const fitness = t.demo.suggestions.find((s) => s.villageId === ltc && s.status === 'new' && s.enteredBy === null)!
      const before = (await pull(t.app, zhang)).body
      expect(suggestionIn(before.rows, fitness.id)).toMatchObject({ status: 'new' })
      await pushAs(liu, ['suggestion.decline', { id: fitness.id, reason: '器材已在保修期内，由厂家上门维修。' }])
      const after = (await pull(t.app, zhang)).body
      expect(after.rows.filter((r) => r.row.id === fitness.id)).toHaveLength(1)
      expect(suggestionIn(after.rows, fitness.id)).toMatchObject({ status: 'declined', declineReason: '器材已在保修期内，由厂家上门维修。' })
      expect(after).toEqual((await freshPull(zhang)).body)
    })
  })

  describe('cached pages and members moving', () => {
    it('stops handing out a page that lists a member who has since moved to another village', async () => {
      const { memberId } = await newMember('cadre', '蒋委员')
      const before = (await pull(t.app, zhang, { cursor: 0 })).body
      expect(before.rows.some((r) => r.row.id === memberId)).toBe(true)
      // Nothing in the app moves a member yet; a direct write does, with a new version.
      const member = (await t.app.ctx.records.get('members', memberId))!
      const szc = t.demo.villages[1]!.id
      await t.db.handle.db.transaction().execute((trx) => t.app.ctx.records.write('members', { ...member, villageId: szc }, trx))
      const after = (await pull(t.app, zhang, { cursor: 0 })).body
      expect(after.rows.some((r) => r.row.id === memberId)).toBe(false)
      expect(after.rows).toEqual((await freshPull(zhang, { cursor: 0 })).body.rows)
    })
  })

  describe('cached pages and collectors', () => {
    it('never gives a collector the phone of a suggestion it did not enter, even from a page a cadre cached', async () => {
      const cursor = await head(zhang)
      const byCadre = suggestionArgs(ltc, { submitterPhone: '13900000111' })
      await pushAs(zhang, ['suggestion.create', byCadre])
      const lamp = t.demo.suggestions[0]!

      // The cadre pulls (and caches) first, from a recent cursor and from 0.
      expect(phoneIn((await pull(t.app, zhang, { cursor })).body.rows, byCadre.id)).toBe('13900000111')
      const cadreWhole = (await pull(t.app, zhang)).body.rows
      expect(phoneIn(cadreWhole, byCadre.id)).toBe('13900000111')

      const since = (await pull(t.app, wang, { cursor })).body.rows
      expect(since.map((r) => r.row.id)).toEqual([byCadre.id])
      expect(phoneIn(since, byCadre.id)).toBeNull()
      const whole = (await pull(t.app, wang)).body.rows
      expect(whole.map((r) => r.row.id)).toEqual(cadreWhole.map((r) => r.row.id))
      for (const { table, row } of whole) {
        if (table !== 'suggestions') continue
        const own = (row as Suggestion).enteredBy === t.demo.members.find((m) => m.name === '王大姐')!.id
        if (!own) expect(row.submitterPhone).toBeNull()
      }
      // What she entered herself keeps its phone.
      expect(phoneIn(whole, lamp.id)).toBe('13900000001')
    })

    it('shows each of two collectors of one village only the phones of their own entries', async () => {
      const qian = await newMember('collector', '钱大姐')
      const cursor = await head(zhang)
      const byWang = suggestionArgs(ltc, { source: 'collector', submitterPhone: '13900000201' })
      const byQian = suggestionArgs(ltc, { source: 'collector', submitterPhone: '13900000202' })
      await pushAs(wang, ['suggestion.create', byWang])
      await pushAs(qian.device, ['suggestion.create', byQian])
      const phones = async (device: TestDevice, from: number) => {
        const { rows } = (await pull(t.app, device, { cursor: from })).body
        return [phoneIn(rows, byWang.id), phoneIn(rows, byQian.id)]
      }

      expect(await phones(zhang, cursor)).toEqual(['13900000201', '13900000202'])
      for (const from of [cursor, 0]) {
        // Each in turn pulls right after the other, who may have just cached the page.
        expect(await phones(wang, from)).toEqual(['13900000201', null])
        expect(await phones(qian.device, from)).toEqual([null, '13900000202'])
        expect(await phones(wang, from)).toEqual(['13900000201', null])
      }
      expect(await phones(zhang, 0)).toEqual(['13900000201', '13900000202'])
    })
  })

  describe('cached authentications', () => {
    /** A fresh device of a new cadre that has pulled once, so its authentication is cached. */
    async function cachedDevice(name: string) {
      const { memberId, device } = await newMember('cadre', name)
      const token = device.auth.authorization.slice('Bearer '.length)
      const first = await pull(t.app, device)
      expect(first.status).toBe(200)
      expect(first.body.rows.length).toBeGreaterThan(0)
      // The precondition of every test here: the next pull may skip reading the device.
      expect(t.app.ctx.authCache.has(sha256(token))).toBe(true)
      return { memberId, device, cursor: first.body.cursor }
    }

    it('answers 401 device_revoked, with no rows, to a pull from a device revoked after a cached pull', async () => {
      const { device } = await cachedDevice('周委员')
      const revoked = await t.app.inject({ method: 'POST', url: `/api/admin/devices/${device.deviceId}/revoke`, headers: admin.auth })
      expect(revoked.statusCode).toBe(200)

      for (const cursor of [0, 5]) {
        const res = await pull(t.app, device, { cursor })
        expect(res.status).toBe(401)
        expect(res.body).toEqual({ error: { code: 'device_revoked', message: expect.any(String) } })
      }
    })

    it('answers 401 device_revoked to a push from a device revoked after a cached pull', async () => {
      const { device } = await cachedDevice('吴委员')
      await t.app.inject({ method: 'POST', url: `/api/admin/devices/${device.deviceId}/revoke`, headers: admin.auth })
      const res = await push(t.app, device, [mutation(1, 'suggestion.create', suggestionArgs(ltc))])
      expect(res.status).toBe(401)
      expect(res.body.error?.code).toBe('device_revoked')
    })

    // No admin route or mutation changes or removes a member (routes/admin.ts creates members and
    // issues codes; src/shared/mutations write no member row), so these change the row directly,
    // as an operator's script or a later admin feature would.

    it('answers 401 device_revoked to a cached pull once the member was removed', async () => {
      const { memberId, device } = await cachedDevice('郑委员')
      const member = (await t.app.ctx.records.get('members', memberId))!
      await t.db.handle.db.transaction().execute((trx) =>
        t.app.ctx.records.write('members', { ...member, deletedAt: t.clock().toISOString() }, trx),
      )
      const res = await pull(t.app, device)
      expect(res.status).toBe(401)
      expect(res.body).toEqual({ error: { code: 'device_revoked', message: expect.any(String) } })
    })

    it('pulls the new scope after a cached pull once the member became a collector', async () => {
      const { memberId, device, cursor } = await cachedDevice('冯委员')
      const byCadre = suggestionArgs(ltc, { submitterPhone: '13900000301' })
      await pushAs(zhang, ['suggestion.create', byCadre])
      expect(phoneIn((await pull(t.app, device, { cursor })).body.rows, byCadre.id)).toBe('13900000301')

      const member = (await t.app.ctx.records.get('members', memberId))!
      await t.db.handle.db.transaction().execute((trx) =>
        t.app.ctx.records.write('members', { ...member, role: 'collector' }, trx),
      )
      const res = await pull(t.app, device, { cursor })
      expect(res.status).toBe(200)
      expect(res.body.reset).toBe(true)
      expect(suggestionIn(res.body.rows, byCadre.id)).toBeDefined()
      expect(phoneIn(res.body.rows, byCadre.id)).toBeNull()
      // The new collector entered nothing: no phone at all.
      expect(res.body.rows.filter((r) => r.table === 'suggestions' && r.row.submitterPhone !== null)).toEqual([])
      expect(res.body.rows).toEqual((await freshPull(device)).body.rows)
    })

    it('answers 401 unauthenticated, never 500, to a cached pull from a device deleted from the database', async () => {
      const { device } = await cachedDevice('褚委员')
      const deleted = await t.db.handle.db.deleteFrom('devices').where('id', '=', device.deviceId).executeTakeFirst()
      expect(Number(deleted.numDeletedRows)).toBe(1)
      for (const cursor of [0, 5]) {
        const res = await pull(t.app, device, { cursor })
        expect(res.status).toBe(401)
        expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } })
      }
    })
  })
})
