import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useDb } from '@app/db'
import { useFollowUpStore } from '@app/stores/followUp'
import { useSessionStore } from '@app/stores/session'
import { resetDb, sessionAs } from '../escalation/fixtures'
import { gym, seedVillage } from './village'

beforeEach(async () => {
  await resetDb()
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
    await vi.waitFor(() => expect(store.awaitingCallback.map((s) => s.id)).toEqual([gym.id]))
    expect(await store.rate(gym, { stars: 2, outcome: 'unresolved', note: '灯还是不亮' })).toMatchObject({ ok: true })
    const outbox = await useDb().outbox.orderBy('mid').toArray()
    expect(outbox.map((entry) => [entry.mid, entry.name])).toEqual([[1, 'suggestion.rate'], [2, 'remark.add']])
    await vi.waitFor(() => expect(store.items.map((item) => item.id)).toContain(gym.id))
  })
})
