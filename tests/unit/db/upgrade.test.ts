import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { createDb } from '@app/db/schema'
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
    await old.table('suggestions').bulkPut([waiting, answered])
    old.close()

    const db = createDb(name)
    expect(await db.suggestions.where('[villageId+status]').equals([waiting.villageId, 'new']).primaryKeys()).toEqual([waiting.id])
    expect(await db.suggestions.count()).toBe(2)
    db.close()
  })
})
