import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { createDb } from '@app/db/schema'
import { peekMeta, peekMetaAll } from '@app/db/peek'

describe('peekMeta', () => {
  it('answers undefined for a database that does not exist, and does not create it', async () => {
    const name = `peek-none-${Math.random()}`
    expect(await peekMeta('session', name)).toBeUndefined()
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name)
  })

  it("reads an entry of Dexie's meta table, and undefined for a key that is not there", async () => {
    const name = `peek-some-${Math.random()}`
    const db = createDb(name)
    await db.meta.put({ key: 'session', value: { deviceId: 'd1' } })
    expect(await peekMeta('session', name)).toEqual({ deviceId: 'd1' })
    expect(await peekMeta('cursor', name)).toBeUndefined()
    // The peek closed its connection: Dexie can still upgrade the database (a newer app version).
    db.close()
    await expect(createDb(name).open()).resolves.toBeDefined()
  })

  it('reads several entries in the order asked, undefined for each one absent or without a database', async () => {
    const name = `peek-all-${Math.random()}`
    expect(await peekMetaAll(['session', 'lastSyncedAt'], name)).toEqual([undefined, undefined])
    const db = createDb(name)
    await db.meta.bulkPut([{ key: 'session', value: { deviceId: 'd1' } }, { key: 'lastSyncedAt', value: '2026-12-04T10:00:00.000Z' }])
    expect(await peekMetaAll(['lastSyncedAt', 'cursor', 'session'], name)).toEqual(['2026-12-04T10:00:00.000Z', undefined, { deviceId: 'd1' }])
    db.close()
  })
})
