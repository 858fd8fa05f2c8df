import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { createDb } from '@app/db/schema'
import { RECORDS_STAMP_KEY } from '@app/db/stamp'
import { aSuggestion } from '../builders'

describe('device database upgrade', () => {
  it('keeps the suggestions of an older app version and finds them by village and status', async () => {
    const name = `upgrade-${Math.random()}`
    // The database as version 2 of the app left it.
    const old = new Dexie(name)
    old.version(1).stores({ suggestions: 'id, [villageId+createdAt], status, topicId, receiptCode', meta: 'key' })
    old.version(2).stores({ blobs: 'sha256, state' })
    const waiting = aSuggestion({ status: 'new' })
    const answered = aSuggestion({ status: 'answered' })
    const rated = aSuggestion({ status: 'closed', rating: { stars: 4, outcome: 'resolved', ratedAt: '2026-12-04T08:00:00.000Z', by: 'villager' } })
    await old.table('suggestions').bulkPut([waiting, answered, rated])
    old.close()

    const db = createDb(name)
    expect(await db.suggestions.where('[villageId+status]').equals([waiting.villageId, 'new']).primaryKeys()).toEqual([waiting.id])
    expect(await db.suggestions.count()).toBe(3)
    // version 5 stamped the records it found (an older build wrote them without a stamp)
    expect((await db.meta.get(RECORDS_STAMP_KEY))?.value).toEqual(expect.any(String))
    // version 6 finds the villagers' own ratings by index, those it found too (unrated ones are not in it)
    expect(await db.suggestions.where('rating.by').equals('villager').primaryKeys()).toEqual([rated.id])
    db.close()
  })

  it('tells a tab running the build before the stamp to reload (its writes would not move it)', async () => {
    const name = `upgrade-${Math.random()}`
    const before = new Dexie(name)
    before.version(4).stores({ suggestions: 'id', meta: 'key' })
    await before.open()
    let told = false
    before.on('versionchange', () => {
      told = true
      before.close()
    })
    const db = createDb(name)
    await db.open()
    expect(told).toBe(true)
    expect(db.verno).toBe(6)
    db.close()
  })
})
