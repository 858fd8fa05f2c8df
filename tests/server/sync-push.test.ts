import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordSchemas } from '@shared/records'
import { currentVersion } from '../../src/server/db/versions'
import type { TestApp } from './helpers/app'
import { enrolAs, startApp } from './helpers/app'
import { forEachDatabase } from './helpers/databases'
import type { TestDevice } from './helpers/sync'
import { mutation, push, suggestionArgs } from './helpers/sync'

forEachDatabase((makeDb) => {
  let t: TestApp
  let ltc: string
  let szc: string
  beforeAll(async () => {
    t = await startApp(makeDb)
    ltc = t.demo.villages[0]!.id
    szc = t.demo.villages[1]!.id
  })
  afterAll(() => t.close())

  const suggestionsOf = (villageId: string) => t.app.ctx.records.list('suggestions', { villageId })
  /** A new phone of 张书记: every test pushes from mid 1 on its own device. */
  const newCadre = (): Promise<TestDevice> => enrolAs(t, 'cadre', '张书记')

  describe('POST /api/sync/push', () => {
    it('applies mutations in mid order with server times and new versions', async () => {
      const cadre = await newCadre()
      const a = suggestionArgs(ltc, { content: '东头的桥栏杆断了。' })
      const b = suggestionArgs(ltc, { content: '小学门口要个减速带。', submitterPhone: '13900000009' })
      const before = await currentVersion(t.db.handle.db)
      const res = await push(t.app, cadre, [mutation(2, 'suggestion.create', b), mutation(1, 'suggestion.create', a)])
      expect(res).toEqual({ status: 200, body: { lastMid: 2, rejections: [], stopped: null } })
      const first = await t.app.ctx.records.get('suggestions', a.id)
      const second = await t.app.ctx.records.get('suggestions', b.id)
      expect(first).toMatchObject({
        version: before + 1, createdAt: t.clock().toISOString(), updatedAt: t.clock().toISOString(), villageId: ltc,
        content: '东头的桥栏杆断了。', status: 'new', source: 'on_site', enteredBy: t.demo.members[0]!.id,
      })
      expect(second).toMatchObject({ version: before + 2, submitterPhone: '13900000009' })
      expect(recordSchemas.suggestions.parse(first)).toEqual(first)
      expect(await t.app.ctx.devices.lastMid(cadre.deviceId)).toBe(2)
    })

    it('skips mutations it already took (a lost response) without writing again', async () => {
      const cadre = await newCadre()
      const batch = [mutation(1, 'suggestion.create', suggestionArgs(ltc)), mutation(2, 'suggestion.create', suggestionArgs(ltc))]
      expect((await push(t.app, cadre, batch)).body).toEqual({ lastMid: 2, rejections: [], stopped: null })
      const count = (await suggestionsOf(ltc)).length
      const version = await currentVersion(t.db.handle.db)
      const res = await push(t.app, cadre, batch)
      expect(res.body).toEqual({ lastMid: 2, rejections: [], stopped: null })
      expect(await suggestionsOf(ltc)).toHaveLength(count)
      expect(await currentVersion(t.db.handle.db)).toBe(version)
    })

    it('stops at a gap and takes nothing after it', async () => {
      const cadre = await newCadre()
      await push(t.app, cadre, [mutation(1, 'suggestion.create', suggestionArgs(ltc)), mutation(2, 'suggestion.create', suggestionArgs(ltc))])
      const c = suggestionArgs(ltc)
      const res = await push(t.app, cadre, [mutation(4, 'suggestion.create', c)])
      expect(res.body).toEqual({ lastMid: 2, rejections: [], stopped: 'gap' })
      expect(await t.app.ctx.records.get('suggestions', c.id)).toBeUndefined()
    })

    it('records a refusal, advances past it and applies the next mutation', async () => {
      const cadre = await newCadre()
      const outOfScope = suggestionArgs(szc)
      const next = suggestionArgs(ltc)
      const res = await push(t.app, cadre, [mutation(1, 'suggestion.create', outOfScope), mutation(2, 'suggestion.create', next)])
      expect(res.body).toEqual({
        lastMid: 2, stopped: null,
        rejections: [{ mid: 1, name: 'suggestion.create', code: 'out_of_scope', field: 'villageId' }],
      })
      expect(await t.app.ctx.records.get('suggestions', outOfScope.id)).toBeUndefined()
      expect(await t.app.ctx.records.get('suggestions', next.id)).toMatchObject({ villageId: ltc })
    })

    it('answers the refusal again when the response was lost and the batch comes back', async () => {
      const cadre = await newCadre()
      const batch = [mutation(1, 'suggestion.create', suggestionArgs(szc)), mutation(2, 'suggestion.create', suggestionArgs(ltc))]
      const first = await push(t.app, cadre, batch)
      const again = await push(t.app, cadre, batch)
      expect(again.body).toEqual(first.body)
      expect(again.body).toEqual({
        lastMid: 2, stopped: null,
        rejections: [{ mid: 1, name: 'suggestion.create', code: 'out_of_scope', field: 'villageId' }],
      })
    })

    it.each([
      ['an unknown mutation', 'meeting.explode', {}, { code: 'unknown_mutation', detail: 'meeting.explode' }],
      ['a too short content', 'suggestion.create', { content: '短' }, { code: 'invalid_args', field: 'content', detail: 'content_too_short' }],
      ['a villager source from a member', 'suggestion.create', { source: 'villager' }, { code: 'invalid_args', field: 'source' }],
      ['a bad phone number', 'suggestion.create', { submitterPhone: '12345' }, { code: 'invalid_args', field: 'submitterPhone', detail: 'phone_invalid' }],
    ])('refuses %s with a coded rejection', async (_case, name, override, rejection) => {
      const cadre = await newCadre()
      const mid = 1
      const res = await push(t.app, cadre, [mutation(mid, name, { ...suggestionArgs(ltc), ...override })])
      expect(res.body).toEqual({ lastMid: mid, stopped: null, rejections: [{ mid, name, ...rejection }] })
    })

    it('rolls back and stops on a database failure, then takes the mutation on retry', async () => {
      const cadre = await newCadre()
      const mid = 1
      const args = suggestionArgs(ltc)
      const writeChange = t.app.ctx.records.writeChange
      t.app.ctx.records.writeChange = async () => {
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' })
      }
      const failed = await push(t.app, cadre, [mutation(mid, 'suggestion.create', args)]).finally(() => {
        t.app.ctx.records.writeChange = writeChange
      })
      expect(failed).toEqual({ status: 200, body: { lastMid: mid - 1, rejections: [], stopped: 'temporary' } })
      expect(await t.app.ctx.records.get('suggestions', args.id)).toBeUndefined()
      const retried = await push(t.app, cadre, [mutation(mid, 'suggestion.create', args)])
      expect(retried.body).toEqual({ lastMid: mid, rejections: [], stopped: null })
      expect(await t.app.ctx.records.get('suggestions', args.id)).toMatchObject({ id: args.id })
    })

    it('refuses for good, as a conflict, a suggestion whose receipt code another one has, and goes on', async () => {
      const first = await newCadre()
      const taken = suggestionArgs(ltc)
      await push(t.app, first, [mutation(1, 'suggestion.create', taken)])
      const cadre = await newCadre()
      const clash = suggestionArgs(ltc, { receiptCode: taken.receiptCode })
      const next = suggestionArgs(ltc)
      const batch = [mutation(1, 'suggestion.create', clash), mutation(2, 'suggestion.create', next)]
      const answer = {
        lastMid: 2, stopped: null,
        rejections: [{ mid: 1, name: 'suggestion.create', code: 'conflict', field: 'receiptCode', detail: 'duplicate' }],
      }
      expect(await push(t.app, cadre, batch)).toEqual({ status: 200, body: answer })
      expect(await t.app.ctx.records.get('suggestions', clash.id)).toBeUndefined()
      expect(await t.app.ctx.records.get('suggestions', next.id)).toMatchObject({ id: next.id })
      // Sent again (the answer was lost): the same answer, nothing written twice.
      expect(await push(t.app, cadre, batch)).toEqual({ status: 200, body: answer })
    })

    it('refuses for good a mutation whose write fails twice the same way, and takes the next', async () => {
      const cadre = await newCadre()
      const poison = suggestionArgs(ltc)
      const next = suggestionArgs(ltc)
      const writeChange = t.app.ctx.records.writeChange
      let attempts = 0
      t.app.ctx.records.writeChange = async (change, trx) => {
        if (change.row.id !== poison.id) return writeChange(change, trx)
        attempts += 1
        throw new Error('value cannot be stored')
      }
      const res = await push(t.app, cadre, [mutation(1, 'suggestion.create', poison), mutation(2, 'suggestion.create', next)]).finally(() => {
        t.app.ctx.records.writeChange = writeChange
      })
      expect(attempts).toBe(2)
      expect(res.body).toEqual({
        lastMid: 2, stopped: null,
        rejections: [{ mid: 1, name: 'suggestion.create', code: 'invalid_args', detail: 'not_storable' }],
      })
      expect(await t.app.ctx.records.get('suggestions', next.id)).toMatchObject({ id: next.id })
    })

    it('takes a mutation whose first write failed but whose second passes', async () => {
      const cadre = await newCadre()
      const args = suggestionArgs(ltc)
      const writeChange = t.app.ctx.records.writeChange
      let attempts = 0
      t.app.ctx.records.writeChange = async (change, trx) => {
        if (attempts++ === 0) throw new Error('a fluke')
        return writeChange(change, trx)
      }
      const res = await push(t.app, cadre, [mutation(1, 'suggestion.create', args)]).finally(() => {
        t.app.ctx.records.writeChange = writeChange
      })
      expect(res.body).toEqual({ lastMid: 1, rejections: [], stopped: null })
      expect(await t.app.ctx.records.get('suggestions', args.id)).toMatchObject({ id: args.id })
    })

    it.each([
      ['content', { content: '村口的井盖\u0000松了。' }],
      ['submitterName', { submitterName: '周\u0000大爷' }],
    ])('refuses NUL in %s as invalid_args on both databases', async (field, override) => {
      const cadre = await newCadre()
      const res = await push(t.app, cadre, [mutation(1, 'suggestion.create', suggestionArgs(ltc, override))])
      expect(res).toEqual({
        status: 200,
        body: { lastMid: 1, stopped: null, rejections: [{ mid: 1, name: 'suggestion.create', code: 'invalid_args', field, detail: 'invalid_char' }] },
      })
    })

    it('refuses a mutation whose name holds NUL as unknown, storing the name without it', async () => {
      const cadre = await newCadre()
      const res = await push(t.app, cadre, [mutation(1, 'remark.\u0000add', {})])
      expect(res).toEqual({
        status: 200,
        body: { lastMid: 1, stopped: null, rejections: [{ mid: 1, name: 'remark.\ufffdadd', code: 'unknown_mutation', detail: 'remark.\ufffdadd' }] },
      })
    })

    it('takes each mutation once when the same batch arrives twice at the same time', async () => {
      const cadre = await newCadre()
      const mid = 1
      const batch = [1, 2, 3].map((i) => mutation(mid + i - 1, 'suggestion.create', suggestionArgs(ltc)))
      const count = (await suggestionsOf(ltc)).length
      const [one, two] = await Promise.all([push(t.app, cadre, batch), push(t.app, cadre, batch)])
      expect([one.body.lastMid, two.body.lastMid]).toEqual([mid + 2, mid + 2])
      expect(await suggestionsOf(ltc)).toHaveLength(count + 3)
    })

    it.each([
      ['another device id', { deviceId: '01900000-0000-7000-8000-000000000abc' }, 403, 'device_mismatch'],
      ['an old sync schema', { schemaVersion: 0 }, 400, 'invalid_body'],
      ['a newer sync schema', { schemaVersion: 99 }, 426, 'update_required'],
      ['an empty batch', { mutations: [] }, 400, 'invalid_body'],
    ])('refuses %s', async (_case, overrides, status, code) => {
      const cadre = await newCadre()
      const res = await push(t.app, cadre, [mutation(1, 'suggestion.create', suggestionArgs(ltc))], overrides)
      expect(res.status).toBe(status)
      expect(res.body.error?.code).toBe(code)
    })

    it('needs a device token', async () => {
      const cadre = await newCadre()
      const res = await push(t.app, { ...cadre, auth: { authorization: '' } }, [mutation(1, 'x', {})])
      expect(res.status).toBe(401)
    })
  })
})
