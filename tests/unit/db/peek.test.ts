import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { createDb } from '@app/db/schema'
import { peekMeta } from '@app/db/peek'

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
})
