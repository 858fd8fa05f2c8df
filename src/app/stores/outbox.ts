import { defineStore } from 'pinia'
import { computed } from 'vue'
import { useDb } from '@app/db'
import { useLiveQuery } from '@app/composables/liveQuery'

/** The device's unsent changes, read live from IndexedDB (also across tabs). */
export const useOutboxStore = defineStore('outbox', () => {
  const { value: outbox } = useLiveQuery(
    () => {
      const db = useDb()
      return db.transaction('r', db.outbox, async () => ({
        count: await db.outbox.count(),
        newest: ((await db.outbox.orderBy('mid').lastKey()) as number | undefined) ?? 0,
      }))
    },
    { count: 0, newest: 0 },
  )
  return {
    /** How many local changes have not reached the server yet. */
    pendingCount: computed(() => outbox.value.count),
    /**
     * The newest unsent change's mid (0 when none waits). It rises with every write: mids count
     * up and are never reused, so a write shows here even when a sync round took an older change
     * away meanwhile and the count stayed the same.
     */
    newestMid: computed(() => outbox.value.newest),
  }
})
