import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, watch } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { useDb } from '@app/db'
import { useOutboxStore } from '@app/stores/outbox'
import { resetDb } from '../escalation/fixtures'

const entry = (mid: number) => ({ mid, name: 'suggestion.create', args: {}, clientTime: '2026-12-04T12:00:00.000Z' })

describe('the outbox store', () => {
  beforeEach(async () => {
    await resetDb()
    setActivePinia(createPinia())
  })

  it('counts the unsent changes and names the newest', async () => {
    const scope = effectScope()
    const outbox = scope.run(() => useOutboxStore())!
    await useDb().outbox.bulkAdd([entry(1), entry(2)])
    await vi.waitFor(() => expect([outbox.pendingCount, outbox.newestMid]).toEqual([2, 2]))
    await useDb().outbox.clear()
    await vi.waitFor(() => expect([outbox.pendingCount, outbox.newestMid]).toEqual([0, 0]))
    scope.stop()
  })

  it('shows a write when a sync round took an older change away meanwhile, and the count stayed the same', async () => {
    const scope = effectScope()
    const outbox = scope.run(() => useOutboxStore())!
    await useDb().outbox.add(entry(1))
    await vi.waitFor(() => expect(outbox.newestMid).toBe(1))
    const rises: number[] = []
    scope.run(() => watch(() => outbox.newestMid, (newest, before) => newest > before && rises.push(newest)))
    const db = useDb()
    await db.transaction('rw', db.outbox, async () => {
      await db.outbox.delete(1)
      await db.outbox.add(entry(2))
    })
    await vi.waitFor(() => expect(rises).toEqual([2]))
    expect(outbox.pendingCount).toBe(1)
    scope.stop()
  })
})
