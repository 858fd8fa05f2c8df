import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { createDb, type YehuaDb } from '@app/db/schema'
import { applyLocal, applyLocalAll, removeUnsent } from '@app/db/local'
import { StorageError } from '@app/db/errors'
import { cadreActor, suggestionCreateArgs } from '../builders'
import { addArgs, blobOf, nextId, photoDraft } from './fixtures'

const actor = cadreActor()
const clock = () => new Date('2026-10-01T12:00:00.000Z')

describe('applyLocalAll with blobs', () => {
  let db: YehuaDb
  let name: string
  beforeEach(() => {
    name = `attach-${nextId()}`
    db = createDb(name)
  })
  afterEach(async () => {
    db.close()
    await Dexie.delete(name)
  })

  it('writes the suggestion, its attachment, both outbox entries and the photo bytes together', async () => {
    const suggestion = suggestionCreateArgs()
    const photo = await photoDraft()
    const result = await applyLocalAll(
      db,
      [{ name: 'suggestion.create', args: suggestion }, { name: 'attachment.add', args: addArgs(photo, suggestion.id) }],
      actor,
      { clock, blobs: [blobOf(photo)] },
    )

    expect(result.ok).toBe(true)
    expect((await db.suggestions.get(suggestion.id))?.attachmentIds).toEqual([photo.id])
    expect(await db.attachments.get(photo.id)).toMatchObject({
      sha256: photo.sha256, kind: 'photo', mime: 'image/jpeg', size: 64, subjectType: 'suggestion', subjectId: suggestion.id,
    })
    expect((await db.outbox.toArray()).map((e) => [e.mid, e.name])).toEqual([[1, 'suggestion.create'], [2, 'attachment.add']])
    const blob = await db.blobs.get(photo.sha256)
    expect(blob).toMatchObject({ sha256: photo.sha256, mime: 'image/jpeg', size: 64, state: 'pending' })
    expect(new Uint8Array(blob!.bytes)).toEqual(new Uint8Array(photo.bytes))
    expect(await db.meta.get('nextMid')).toEqual({ key: 'nextMid', value: 3 })
  })

  it('writes nothing, not even the first step, when a later step is refused', async () => {
    const suggestion = suggestionCreateArgs()
    const photo = await photoDraft()
    const result = await applyLocalAll(
      db,
      [
        { name: 'suggestion.create', args: suggestion },
        { name: 'attachment.add', args: { ...addArgs(photo, suggestion.id), mime: 'audio/webm' } },
      ],
      actor,
      { clock, blobs: [blobOf(photo)] },
    )

    expect(result).toEqual({ ok: false, rejection: { code: 'invalid_args', field: 'mime', detail: 'mime_mismatch' } })
    expect(await db.suggestions.count()).toBe(0)
    expect(await db.attachments.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.blobs.count()).toBe(0)
    expect(await db.base.count()).toBe(0)
  })

  it('says the phone is full and leaves nothing half-written when the photo does not fit', async () => {
    const suggestion = suggestionCreateArgs()
    const photo = await photoDraft()
    db.blobs.hook('creating', () => {
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' })
    })

    const write = applyLocalAll(
      db,
      [{ name: 'suggestion.create', args: suggestion }, { name: 'attachment.add', args: addArgs(photo, suggestion.id) }],
      actor,
      { clock, blobs: [blobOf(photo)] },
    )

    await expect(write).rejects.toBeInstanceOf(StorageError)
    await expect(write).rejects.toMatchObject({ problem: 'quota' })
    expect(await db.suggestions.count()).toBe(0)
    expect(await db.attachments.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.meta.get('nextMid')).toBeUndefined()
  })

  it('does not upload again a photo the phone already sent, when it is attached a second time', async () => {
    const photo = await photoDraft()
    const first = suggestionCreateArgs()
    await applyLocal(db, 'suggestion.create', first, actor, clock)
    await applyLocal(db, 'attachment.add', addArgs(photo, first.id), actor, clock, { blobs: [blobOf(photo)] })
    await db.blobs.update(photo.sha256, { state: 'uploaded' })

    const again = { ...photo, id: nextId() }
    await applyLocal(db, 'attachment.add', addArgs(again, first.id), actor, clock, { blobs: [blobOf(again)] })

    expect(await db.blobs.get(photo.sha256)).toMatchObject({ state: 'uploaded' })
    expect((await db.suggestions.get(first.id))?.attachmentIds).toEqual([photo.id, again.id])
  })
})

describe('removeUnsent', () => {
  let db: YehuaDb
  let name: string
  beforeEach(() => {
    name = `unsent-${nextId()}`
    db = createDb(name)
  })
  afterEach(async () => {
    db.close()
    await Dexie.delete(name)
  })

  it('closes the gap so the server still sees consecutive mids, and continues the counter after them', async () => {
    const args = [1, 2, 3, 4].map(() => suggestionCreateArgs())
    for (const a of args) await applyLocal(db, 'suggestion.create', a, actor, clock)

    await db.transaction('rw', db.outbox, db.meta, () => removeUnsent(db, [2]))

    const outbox = await db.outbox.orderBy('mid').toArray()
    expect(outbox.map((e) => [e.mid, (e.args as { id: string }).id])).toEqual([
      [1, args[0]!.id], [2, args[2]!.id], [3, args[3]!.id],
    ])
    expect(await db.meta.get('nextMid')).toEqual({ key: 'nextMid', value: 4 })
  })
})
