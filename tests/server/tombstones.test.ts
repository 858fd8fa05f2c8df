import { afterEach, beforeEach, expect, it } from 'vitest'
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
  /** A village with a suggestion deleted long ago, one deleted recently and one alive, and two phones. */
  interface Scenario {
    t: TestApp
    ltc: string
    /** A phone that last pulled before the three rows were written, and one that pulled after. */
    early: TestDevice
    late: TestDevice
    old: Suggestion
    recent: Suggestion
    alive: Suggestion
    earlyCursor: number
    lateCursor: number
  }
  let s: Scenario

  function suggestion(t: TestApp, ltc: string, deletedAt: string | null): Suggestion {
    const at = t.clock().toISOString()
    return {
      id: newId(), version: 0, createdAt: at, updatedAt: deletedAt ?? at, deletedAt, villageId: ltc,
      content: '村东头的路灯坏了', category: 'infrastructure', source: 'collector', submitterName: null,
      submitterPhone: null, publicName: false, enteredBy: null, receiptCode: `T${newId().slice(-7).toUpperCase()}`,
      status: 'new', topicId: null, mergedInto: null, answer: null, declineReason: null, rating: null, attachmentIds: [],
    }
  }

  /**
   * Each test starts from its own database: a purge moves the horizon for good. Both phones have
   * cached pages before the purge: from 0, and from the early cursor (holding the three rows).
   */
  beforeEach(async () => {
    const t = await startApp(makeDb)
    const ltc = t.demo.villages[0]!.id
    const write = (row: Suggestion) => t.db.handle.db.transaction().execute((trx) => t.app.ctx.records.write('suggestions', row, trx))
    const early = await enrol(t.app, codeOf(t, 'cadre', '张书记'))
    const late = await enrol(t.app, codeOf(t, 'cadre', '刘主任'))
    const earlyCursor = (await pullAll(t.app, early)).last.cursor
    await pull(t.app, early, { cursor: earlyCursor })
    const old = await write(suggestion(t, ltc, new Date(t.clock().getTime() - 200 * DAY).toISOString()))
    const recent = await write(suggestion(t, ltc, new Date(t.clock().getTime() - 10 * DAY).toISOString()))
    const alive = await write(suggestion(t, ltc, null))
    const lateCursor = (await pullAll(t.app, late)).last.cursor
    await pull(t.app, early, { cursor: earlyCursor })
    s = { t, ltc, early, late, old, recent, alive, earlyCursor, lateCursor }
  })
  afterEach(() => s.t.close())

  const cutoff = () => new Date(s.t.clock().getTime() - 180 * DAY).toISOString()

  it('purges the rows deleted before the cutoff and raises the horizon to the highest purged version', async () => {
    const { t, old, recent } = s
    expect(await purgeTombstones(t.app.ctx, cutoff())).toEqual({ purged: 1, horizon: old.version })
    expect(await t.app.ctx.records.get('suggestions', old.id)).toBeUndefined()
    expect(await t.app.ctx.records.get('suggestions', recent.id)).toMatchObject({ deletedAt: recent.deletedAt })
    expect(await purgeTombstones(t.app.ctx, cutoff())).toEqual({ purged: 0, horizon: old.version })
  })

  it('answers reset from 0 to a phone whose cursor is below the horizon, even for a page it had cached', async () => {
    const { t, early, earlyCursor, old, recent, alive, ltc } = s
    const cached = await pull(t.app, early, { cursor: earlyCursor })
    expect(cached.body.rows.map((r) => r.row.id)).toEqual([old.id, recent.id, alive.id])
    await purgeTombstones(t.app.ctx, cutoff())
    const { status, body } = await pull(t.app, early, { cursor: earlyCursor })
    expect(status).toBe(200)
    expect(body.reset).toBe(true)
    const ids = body.rows.map((r) => r.row.id)
    expect(ids).not.toContain(old.id)
    expect(ids).toEqual(expect.arrayContaining([recent.id, alive.id, ltc]))
  })

  it('goes on as before for a phone at or above the horizon', async () => {
    const { t, late, lateCursor, old, recent, alive } = s
    await purgeTombstones(t.app.ctx, cutoff())
    const { body } = await pull(t.app, late, { cursor: lateCursor })
    expect(body).toMatchObject({ reset: false, rows: [] })
    const between = await pull(t.app, late, { cursor: old.version })
    expect(between.body.reset).toBe(false)
    expect(between.body.rows.map((r) => r.row.id)).toEqual([recent.id, alive.id])
  })

  it('never hands the purged tombstone to a new phone, though the page from 0 was cached before', async () => {
    const { t, late, old, recent, alive } = s
    expect((await pullAll(t.app, late)).rows.map((r) => r.row.id)).toContain(old.id)
    await purgeTombstones(t.app.ctx, cutoff())
    const { rows } = await pullAll(t.app, late)
    expect(rows.map((r) => r.row.id)).not.toContain(old.id)
    expect(rows.map((r) => r.row.id)).toEqual(expect.arrayContaining([recent.id, alive.id]))
  })
})
