import { defineStore } from 'pinia'
import { ref } from 'vue'

// Interface stub; the lead engineer replaces the body (live count of unsent outbox rows).
export const useOutboxStore = defineStore('outbox', () => {
  /** How many local changes have not reached the server yet. */
  const pendingCount = ref(0)
  return { pendingCount }
})
