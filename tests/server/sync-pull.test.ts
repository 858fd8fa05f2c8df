import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Suggestion, TableName } from '@shared/records'
import { pullResponse } from '@shared/sync/protocol'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, startApp } from './helpers/app'
import { forEachDatabase } from './helpers/databases'
import type { TestDevice } from './helpers/sync'
import { mutation, pull, pullAll, push, suggestionArgs } from './helpers/sync'

forEachDatabase((makeDb) => {
  let t: TestApp
  let cadre: TestDevice
  let collector: TestDevice
  let township: TestDevice
  let ltc: string
  let szc: string
  // Each test starts from the demo township as seeded: some compare with its rows, some move a member.
  beforeEach(async () => {
    t = await startApp(makeDb)
    cadre = await enrol(t.app, codeOf(t, 'cadre', '张书记'))
    collector = await enrol(t.app, codeOf(t, 'collector', '王大姐'))
    township = await enrol(t.app, codeOf(t, 'township'))
    ltc = t.demo.villages[0]!.id
    szc = t.demo.villages[1]!.id
  })
  afterEach(() => t.close())

  /** The ids of demo rows a village member should receive. */
  function villageScope(villageId: string): string[] {
    const d = t.demo
    return [
      ...d.townships.map((x) => x.id),
      ...d.villages.filter((v) => v.id === villageId).map((x) => x.id),
      ...[...d.members, ...d.suggestions, ...d.meetings, ...d.topics, ...d.remarks, ...d.decisions, ...d.escalations]
        .filter((row) => row.villageId === villageId)
        .map((x) => x.id),
    ]
  }
  const phoneOf = (rows: { table: TableName; row: Record<string, unknown> }[], id: string) =>
    (rows.find((r) => r.table === 'suggestions' && r.row.id === id)?.row as Suggestion | undefined)?.submitterPhone

  describe('POST /api/sync/pull', () => {
    it('gives a cadre exactly their village, township and members, in version order', async () => {
      const { status, body } = await pull(t.app, cadre)
      expect(status).toBe(200)
      expect(pullResponse.parse(body)).toEqual(body)
      expect(body.rows.map((r) => r.row.id).sort()).toEqual(villageScope(ltc).sort())
      const versions = body.rows.map((r) => r.row.version as number)
      expect(versions).toEqual([...versions].sort((a, b) => a - b))
      expect(body).toMatchObject({ cursor: versions.at(-1), hasMore: false, lastMid: 0, rejections: [], reset: false })
      const lamp = t.demo.suggestions[0]!
      expect(body.rows.find((r) => r.row.id === lamp.id)).toEqual({ table: 'suggestions', row: lamp })
    })

    it('gives township staff every village of the township', async () => {
      const { body } = await pull(t.app, township)
      const ids = new Set(body.rows.map((r) => r.row.id))
      for (const id of [...villageScope(ltc), ...villageScope(szc)]) expect(ids.has(id)).toBe(true)
      expect(body.rows.filter((r) => r.table === 'villages')).toHaveLength(2)
      expect(body.rows.filter((r) => r.table === 'members')).toHaveLength(t.demo.members.length)
    })

    it('pages through rows without gaps or repeats', async () => {
      const whole = (await pull(t.app, cadre)).body.rows
      const { rows, last } = await pullAll(t.app, cadre, 0, 4)
      expect(rows).toEqual(whole)
      expect(last.cursor).toBe(whole.at(-1)?.row.version)
      const firstPage = (await pull(t.app, cadre, { limit: 4 })).body
      expect(firstPage).toMatchObject({ hasMore: true, cursor: whole[3]!.row.version })
      expect(firstPage.rows).toEqual(whole.slice(0, 4))
    })

    it('sends only what changed after the cursor, from any device in scope', async () => {
      const { cursor } = (await pull(t.app, cadre)).body
      const args = suggestionArgs(ltc, { submitterPhone: '13900000077' })
      await push(t.app, collector, [mutation(1, 'suggestion.create', { ...args, source: 'collector' })])
      const { body } = await pull(t.app, cadre, { cursor })
      expect(body.rows.map((r) => [r.table, r.row.id])).toEqual([['suggestions', args.id]])
      expect(body.cursor).toBe(body.rows[0]!.row.version)
      expect(phoneOf(body.rows, args.id)).toBe('13900000077')
      expect((await pull(t.app, cadre, { cursor: body.cursor })).body).toMatchObject({ rows: [], cursor: body.cursor, hasMore: false })
      // The other village does not see it.
      const sun = await enrol(t.app, codeOf(t, 'cadre', '孙书记'))
      expect((await pull(t.app, sun)).body.rows.map((r) => r.row.id)).not.toContain(args.id)
    })

    it('hides a submitter’s phone from those who may not read it', async () => {
      const byCadre = suggestionArgs(ltc, { submitterPhone: '13900000088' })
      await push(t.app, cadre, [mutation(1, 'suggestion.create', byCadre)])
      const drain = t.demo.suggestions.find((s) => s.status === 'escalated' && s.villageId === ltc)!
      await t.db.handle.db.transaction().execute((trx) =>
        t.app.ctx.records.write('suggestions', { ...drain, submitterPhone: '13900000099' }, trx),
      )
      const lamp = t.demo.suggestions[0]!
      const forCadre = (await pull(t.app, cadre)).body.rows
      const forCollector = (await pull(t.app, collector)).body.rows
      const forTownship = (await pull(t.app, township)).body.rows
      expect([phoneOf(forCadre, byCadre.id), phoneOf(forCollector, byCadre.id), phoneOf(forTownship, byCadre.id)]).toEqual(['13900000088', null, null])
      // 王大姐 entered the lamp suggestion herself; it is not escalated.
      expect([phoneOf(forCadre, lamp.id), phoneOf(forCollector, lamp.id), phoneOf(forTownship, lamp.id)]).toEqual(['13900000001', '13900000001', null])
      // Township staff work the escalated drain item.
      expect(phoneOf(forTownship, drain.id)).toBe('13900000099')
    })

    it('reports refusals from the oldest pending mid and the last mid taken', async () => {
      const device = await enrol(t.app, codeOf(t, 'cadre', '刘主任'))
      await push(t.app, device, [mutation(1, 'suggestion.create', suggestionArgs(szc)), mutation(2, 'suggestion.create', suggestionArgs(ltc))])
      const withPending = (await pull(t.app, device, { pendingFrom: 1 })).body
      expect(withPending).toMatchObject({
        lastMid: 2, rejections: [{ mid: 1, name: 'suggestion.create', code: 'out_of_scope', field: 'villageId' }],
      })
      expect((await pull(t.app, device, { pendingFrom: 2 })).body.rejections).toEqual([])
      expect((await pull(t.app, device)).body.rejections).toEqual([])
    })

    it('answers reset with the first page when the cursor is beyond this server', async () => {
      const fresh = (await pull(t.app, cadre)).body
      const { body } = await pull(t.app, cadre, { cursor: fresh.cursor + 1000 })
      expect(body.reset).toBe(true)
      expect(body.rows).toEqual(fresh.rows)
    })

    it('answers reset when the member moved to another village', async () => {
      const liu = t.demo.members.find((m) => m.name === '刘主任')!
      const device = await enrol(t.app, (await t.app.inject({
        method: 'POST', url: `/api/admin/members/${liu.id}/codes`, headers: (await enrol(t.app, codeOf(t, 'admin'))).auth,
      })).json().code)
      const before = (await pull(t.app, device)).body
      expect(before.reset).toBe(false)
      await t.db.handle.db.transaction().execute((trx) => t.app.ctx.records.write('members', { ...liu, villageId: szc }, trx))
      const after = (await pull(t.app, device, { cursor: before.cursor })).body
      expect(after.reset).toBe(true)
      expect(after.rows.map((r) => r.row.id)).toEqual(expect.arrayContaining(villageScope(szc)))
      expect(after.rows.map((r) => r.row.id)).not.toContain(t.demo.meetings[0]!.id)
      expect((await pull(t.app, device, { cursor: after.cursor })).body.reset).toBe(false)
    })

    it.each([
      ['a limit over 1000', { limit: 1001 }, 400, 'invalid_body'],
      ['a negative cursor', { cursor: -1 }, 400, 'invalid_body'],
    ])('refuses %s', async (_case, request, status, code) => {
      const res = await pull(t.app, cadre, request)
      expect(res.status).toBe(status)
      expect(res.body.error?.code).toBe(code)
    })
  })
})
