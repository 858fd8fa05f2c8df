import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

// Interface stub; the lead engineer replaces the body (Dexie-backed session of an enrolled device).
export const useSessionStore = defineStore('session', () => {
  /** The session has been read from the local database. */
  const loaded = ref(false)
  const session = ref<null | { deviceId: string }>(null)
  /** This device has enrolled and holds a token. */
  const enrolled = computed(() => session.value !== null)
  async function load(): Promise<void> {
    loaded.value = true
  }
  return { loaded, session, enrolled, load }
})
