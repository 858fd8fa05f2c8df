import type { ShallowRef } from 'vue'
import { useDb } from '@app/db'
import { useLiveQuery } from '@app/composables/liveQuery'
import { useSessionStore } from './session'

/**
 * How many new suggestions of the village wait in the inbox, kept live; light enough for the
 * suggestions page, which must not load the whole triage store.
 */
export function useInboxCount(): ShallowRef<number> {
  const session = useSessionStore()
  return useLiveQuery(
    async () => {
      const id = session.villageId
      if (!id) return 0
      // An index count (tombstones, which are rare, included): no row is read.
      return useDb().suggestions.where('[villageId+status]').equals([id, 'new']).count()
    },
    0,
    () => session.villageId,
  ).value
}
