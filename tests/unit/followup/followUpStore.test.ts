import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useDb } from '@app/db'
import { useFollowUpStore } from '@app/stores/followUp'
import { useSessionStore } from '@app/stores/session'
import { makeDraft } from '@app/components/attachment/attachmentDraft'
import { resetDb, sessionAs } from '../escalation/fixtures'
import { gym, lamp, lampDecision, seedVillage } from './village'

beforeEach(async () => {
  await resetDb()
  await useDb().blobs.clear()
  await seedVillage()
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.session = sessionAs('cadre')
  session.loaded = true
})

describe('useFollowUpStore().rate', () => {
  it('keeps nothing of the callback when its note is refused: the rating and the note are one action', async () => {
    const store = useFollowUpStore()
    const result = await store.rate(gym, { stars: 5, outcome: 'resolved', note: '很'.repeat(4001) })
    expect(result).toEqual({ ok: false, rejection: expect.objectContaining({ code: 'invalid_args', field: 'text' }) })
    const db = useDb()
    expect(await db.suggestions.get(gym.id)).toMatchObject({ status: 'resolved', rating: null })
    expect(await db.outbox.count()).toBe(0)
    expect(await db.remarks.count()).toBe(0)
    expect(await db.base.count()).toBe(0)
  })

  it('numbers the rating and its note one after the other in the outbox', async () => {
    const store = useFollowUpStore()
    store.follow()
    await vi.waitFor(() => expect(store.awaitingCallback.map((s) => s.id)).toEqual([gym.id]))
    expect(await store.rate(gym, { stars: 2, outcome: 'unresolved', note: '灯还是不亮' })).toMatchObject({ ok: true })
    const outbox = await useDb().outbox.orderBy('mid').toArray()
    expect(outbox.map((entry) => [entry.mid, entry.name])).toEqual([[1, 'suggestion.rate'], [2, 'remark.add']])
    await vi.waitFor(() => expect(store.items.map((item) => item.id)).toContain(gym.id))
  })
})

describe('useFollowUpStore().complete', () => {
  it('crosses a decision off with a photo as evidence, in one action: the photo waits on the phone for upload', async () => {
    const store = useFollowUpStore()
    store.follow()
    await vi.waitFor(() => expect(store.items.map((item) => item.id)).toContain(lampDecision.id))
    const bytes = new TextEncoder().encode('jpeg bytes of the new street lamp').buffer
    const photo = await makeDraft(bytes, 'image/jpeg', 'photo')

    expect(await store.complete(lampDecision, { note: '换了三个新灯泡', photos: [photo] })).toMatchObject({ ok: true })

    const db = useDb()
    expect(await db.decisions.get(lampDecision.id)).toMatchObject({ status: 'done' })
    expect(await db.suggestions.get(lamp.id)).toMatchObject({ status: 'resolved' })
    expect(await db.attachments.get(photo.id)).toMatchObject({
      subjectType: 'decision', subjectId: lampDecision.id, kind: 'photo', mime: 'image/jpeg', sha256: photo.sha256, size: photo.size,
    })
    expect(await db.blobs.get(photo.sha256)).toMatchObject({ state: 'pending', mime: 'image/jpeg', size: photo.size })
    expect((await db.outbox.orderBy('mid').toArray()).map((entry) => entry.name)).toEqual(['decision.complete', 'attachment.add'])
  })
})
