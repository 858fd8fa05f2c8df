import { computed } from 'vue'
import type { ComputedRef, ShallowRef } from 'vue'
import { calendarOf } from '@shared/calendar'
import type { WorkCalendar } from '@shared/calendar'
import type { Township } from '@shared/records'
import { useDb } from '@app/db'
import type { YehuaDb } from '@app/db/schema'
import { useSessionStore } from '@app/stores/session'
import { useLiveQuery } from './liveQuery'

/**
 * The township's working-day calendar on this phone: the bundled years plus the years its
 * administrator entered (the township row, kept in step by sync). Every deadline and overdue
 * count on the phone goes through it, never through `defaultCalendar`.
 */
export function useWorkCalendar(): { township: ShallowRef<Township | undefined>; calendar: ComputedRef<WorkCalendar> } {
  const session = useSessionStore()
  const townshipId = computed(() => session.session?.township.id ?? null)
  const { value: township } = useLiveQuery<Township | undefined>(
    async () => (townshipId.value ? useDb().townships.get(townshipId.value) : undefined),
    undefined,
    townshipId,
  )
  const calendar = computed(() => calendarOf(township.value ?? session.session?.township))
  return { township, calendar }
}

/** Inside a read of the device database (a live query): the calendar of a village's township. */
export async function readVillageCalendar(db: YehuaDb, villageId: string): Promise<WorkCalendar> {
  const village = await db.villages.get(villageId)
  return calendarOf(village ? await db.townships.get(village.townshipId) : undefined)
}
