import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { calendarOf, todayInShanghai } from '@shared/calendar'
import type { Escalation, Township } from '@shared/records'
import { policyOf } from '@shared/records'
import { useDb } from '@app/db'
import { keptRead, stampOf } from '@app/db/kept'
import { RECORDS_STAMP_KEY } from '@app/db/stamp'
import { useLiveQuery } from '@app/composables/liveQuery'
import { deriveRows, digestOf, type QueueRow } from '@app/components/desk/queueRows'
import { useSessionStore } from './session'
import { LAST_SYNC_KEY } from './sync'

/** The `meta` key of the desk's escalations kept as one value. */
export const DESK_ESCALATIONS_KEY = 'deskEscalations'

/** What the desk reads from the device: its township's escalations, village names, the policy. */
interface DeskData {
  escalations: Escalation[]
  villageNames: Map<string, string>
  township: Township | null
}

/**
 * The township desk's queue (township staff and admins): one live read of the township's
 * escalations through the `townshipId` index, derived once per change into queue rows with their
 * clocks; the queue page filters those rows and the tab shows the overdue count.
 */
export const useDeskStore = defineStore('desk', () => {
  const session = useSessionStore()
  const townshipId = computed(() => {
    const actor = session.actor
    return actor && actor.villageId === null ? actor.townshipId : null
  })

  const { value: data } = useLiveQuery<DeskData | undefined>(
    async () => {
      const id = townshipId.value
      if (id === null) return { escalations: [], villageNames: new Map(), township: null }
      const db = useDb()
      // The township's escalations as one value kept on the device while no record changed
      // (db/kept.ts: ~25 ms instead of ~100 ms for 5,000 rows), else read whole and kept again.
      // A desk device holds only its township's escalations (its pull scope): one read of the
      // whole store is about twice as fast as the same rows through the townshipId index. In a
      // transaction of its own: Dexie's live-query cache deep-clones every result read outside one.
      const { value: escalations } = await keptRead(DESK_ESCALATIONS_KEY, `deskEscalations:${id}`, async () => {
        const [all, stamp] = await db.transaction('r', [db.escalations, db.meta], () =>
          Promise.all([db.escalations.toArray(), db.meta.get(RECORDS_STAMP_KEY)]),
        )
        return { value: all.filter((e) => e.townshipId === id), stamp: stampOf(stamp) }
      })
      const [villages, township] = await db.transaction('r', [db.villages, db.townships], () =>
        Promise.all([db.villages.where('townshipId').equals(id).toArray(), db.townships.get(id)]),
      )
      return {
        escalations,
        villageNames: new Map(villages.filter((v) => v.deletedAt === null).map((v) => [v.id, v.name])),
        township: township ?? session.session?.township ?? null,
      }
    },
    undefined,
    townshipId,
  )

  // Apart from the rows: every sync round writes it, and must not make the queue read them again.
  const { value: synced } = useLiveQuery<{ value: string | null } | undefined>(
    async () => {
      const row = await useDb().meta.get(LAST_SYNC_KEY)
      return { value: typeof row?.value === 'string' ? row.value : null }
    },
    undefined,
  )

  /** Today in Shanghai; `tick()` moves it on (the page calls it when it is shown again). */
  const today = ref(todayInShanghai(new Date()))
  const tick = () => {
    today.value = todayInShanghai(new Date())
  }

  const rows = computed<QueueRow[]>(() => {
    const d = data.value
    if (!d) return []
    return deriveRows(d.escalations, d.villageNames, calendarOf(d.township), policyOf(d.township), today.value)
  })
  /** Loaded: the first read answered. */
  const loaded = computed(() => data.value !== undefined && synced.value !== undefined)
  /** A fresh desk: nothing here yet and no sync round has finished (the download is under way). */
  const downloading = computed(
    () => data.value !== undefined && townshipId.value !== null && data.value.escalations.length === 0 && synced.value?.value == null,
  )
  /** When the last sync round finished on this device (what the queue shows offline). */
  const syncedAt = computed(() => synced.value?.value ?? null)
  const villages = computed(() =>
    [...(data.value?.villageNames ?? new Map<string, string>())]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  )
  const digest = computed(() => digestOf(rows.value))
  const township = computed(() => data.value?.township ?? null)

  return { rows, loaded, downloading, syncedAt, villages, digest, township, today, tick }
})
