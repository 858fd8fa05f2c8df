import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Suggestion } from '@shared/records'
import { newId } from '@shared/ids'
import { purgeTombstones } from '../../src/server/sync/tombstones'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, startApp } from './helpers/app'
import { DAY } from './helpers/clock'
import { forEachDatabase } from './helpers/databases'
import type { TestDevice } from './helpers/sync'
import { pull, pullAll } from './helpers/sync'

// Deleted rows stay as tombstones for TOMBSTONE_DAYS, then are purged; a phone whose cursor is
// below the highest purged version may have missed a deletion and must pull its scope again.

forEachDatabase((makeDb) => {
  let t: TestApp
  let early: TestDevice
  let late: TestDevice
  let ltc: string
  /** A suggestion deleted long ago, one deleted recently, and one alive. */
  let old: Suggestion
  let recent: Suggestion
  let alive: Suggestion
  /** A cursor from before the old deletion, and the head after all three. */
  let earlyCursor: number
  let lateCursor: number

  function suggestion(deletedAt: string | null): Suggestion {
    const at = t.clock().toISOString()
    return {
      id: newId(), version: 0, createdAt: at, updatedAt: deletedAt ?? at, deletedAt, villageId: ltc,
      content: '村东头的路灯坏了', category: 'infrastructure', source: 'collector', submitterName: null,
      submitterPhone: null, publicName: false, enteredBy: null, receiptCode: `T${newId().slice(-7).toUpperCase()}`,
      status: 'new', topicId: null, mergedInto: null, answer: null, declineReason: null, rating: null, attachmentIds: [],
    }
  }
  const write = (row: Suggestion) => t.db.handle.db.transaction().execute((trx) => t.app.ctx.records.write('suggestions', row, trx))

  beforeAll(async () => {
    t = await startApp(makeDb)
    ltc = t.demo.villages[0]!.id
    early = await enrol(t.app, codeOf(t, 'cadre', '张书记'))
    late = await enrol(t.app, codeOf(t, 'cadre', '刘主任'))
    earlyCursor = (await pullAll(t.app, early)).last.cursor
    // A page from that cursor is cached before anything below changes.
    expect((await pull(t.app, early, { cursor: earlyCursor })).body.rows).toEqual([])
    old = await write(suggestion(new Date(t.clock().getTime() - 200 * DAY).toISOString()))
    recent = await write(suggestion(new Date(t.clock().getTime() - 10 * DAY).toISOString()))
    alive = await write(suggestion(null))
    lateCursor = (await pullAll(t.app, late)).last.cursor
    // Both phones have cached pages: from 0, and from the early cursor (now holding the three rows).
    expect((await pull(t.app, early, { cursor: earlyCursor })).body.rows.map((r) => r.row.id)).toEqual([old.id, recent.id, alive.id])
  })
  afterAll(() => t.close())

  const cutoff = () => new Date(t.clock().getTime() - 180 * DAY).toISOString()

  it('purges the rows deleted before the cutoff and raises the horizon to the highest purged version', async () => {
    expect(await purgeTombstones(t.app.ctx, cutoff())).toEqual({ purged: 1, horizon: old.version })
    expect(await t.app.ctx.records.get('suggestions', old.id)).toBeUndefined()
    expect(await t.app.ctx.records.get('suggestions', recent.id)).toMatchObject({ deletedAt: recent.deletedAt })
    expect(await purgeTombstones(t.app.ctx, cutoff())).toEqual({ purged: 0, horizon: old.version })
  })

  it('answers reset from 0 to a phone whose cursor is below the horizon, even for a page it had cached', async () => {
    const { status, body } = await pull(t.app, early, { cursor: earlyCursor })
    expect(status).toBe(200)
    expect(body.reset).toBe(true)
    const ids = body.rows.map((r) => r.row.id)
    expect(ids).not.toContain(old.id)
    expect(ids).toEqual(expect.arrayContaining([recent.id, alive.id, ltc]))
  })

  it('goes on as before for a phone at or above the horizon', async () => {
    const { body } = await pull(t.app, late, { cursor: lateCursor })
    expect(body).toMatchObject({ reset: false, rows: [] })
    const between = await pull(t.app, late, { cursor: old.version })
    expect(between.body.reset).toBe(false)
    expect(between.body.rows.map((r) => r.row.id)).toEqual([recent.id, alive.id])
  })

  it('never hands the purged tombstone to a new phone, though the page from 0 was cached before', async () => {
    const { rows } = await pullAll(t.app, late)
    expect(rows.map((r) => r.row.id)).not.toContain(old.id)
    expect(rows.map((r) => r.row.id)).toEqual(expect.arrayContaining([recent.id, alive.id]))
  })
})
