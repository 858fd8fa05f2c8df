import { defineStore } from 'pinia'
import { useDb } from '@app/db'
import { useLiveQuery } from '@app/composables/liveQuery'

/** The device's unsent changes, counted live from IndexedDB (also across tabs). */
export const useOutboxStore = defineStore('outbox', () => {
  const { value: pendingCount } = useLiveQuery(() => useDb().outbox.count(), 0)
  return {
    /** How many local changes have not reached the server yet. */
    pendingCount,
  }
})
