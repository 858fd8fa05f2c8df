import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { calendarOf, todayInShanghai } from '@shared/calendar'
import type { Escalation, Rating, Township } from '@shared/records'
import { policyOf } from '@shared/policy'
import { DESK_FIRST_SCREEN_KEY, LAST_SYNC_KEY, useDb } from '@app/db'
import { keepDerived, keptAtStart, keptRead, peekKept, stampOf } from '@app/db/kept'
import { RECORDS_STAMP_KEY } from '@app/db/stamp'
import { takeAtStart } from '@app/db/peek'
import { useLiveQuery } from '@app/composables/liveQuery'
import { afterPaint } from '@app/composables/startup'
import {
  deriveRows, digestOf, firstScreenOf, villagerRatingsOf, type QueueFirstScreen, type QueueRow,
} from '@app/components/desk/queueRows'
import { useSessionStore } from './session'

/** The `meta` key of the desk's escalations (with the villagers' own ratings of them) kept as one value. */
export const DESK_ESCALATIONS_KEY = 'deskEscalations'
export { DESK_FIRST_SCREEN_KEY }

/** What the desk reads from the device: its township's escalations, village names, the policy. */
interface DeskData {
  escalations: Escalation[]
  /** Villagers' own ratings of the escalations' suggestions after their 办结, by escalation id. */
  villagerRatings: ReadonlyMap<string, Rating>
  villageNames: Map<string, string>
  township: Township | null
  /** The records' stamp the escalations were read at. */
  stamp: string | null
}

/**
 * The township desk's queue (township staff and admins): one live read of the township's
 * escalations, derived once per change into queue rows with their clocks; the queue page filters
 * those rows and the tab shows the overdue count. Until the rows are read, the queue's first
 * screen kept at the last start stands in for them (`firstScreen`), if no record changed since.
 */
export const useDeskStore = defineStore('desk', () => {
  const session = useSessionStore()
  // Undefined until the session is read (the router loads the queue's chunks, and so this store,
  // meanwhile): nothing is read before it is known whose queue this is.
  const townshipId = computed(() => {
    if (!session.loaded) return undefined
    const actor = session.actor
    return actor && actor.villageId === null ? actor.townshipId : null
  })

  /** Whether the rows are to be read now: once the first screen, if one was kept, is on screen. */
  const rowsWanted = ref(false)

  const { value: data } = useLiveQuery<DeskData | undefined>(
    async () => {
      const id = townshipId.value
      if (!rowsWanted.value || id === undefined) return undefined
      if (id === null) return { escalations: [], villagerRatings: new Map(), villageNames: new Map(), township: null, stamp: null }
      const db = useDb()
      // The township's escalations (and the villagers' own ratings of their suggestions) as one
      // value kept on the device while no record changed (db/kept.ts: ~25 ms instead of ~100 ms
      // for 5,000 rows), else read whole and kept again. A desk device holds only its township's
      // escalations (its pull scope): one read of the whole store is about twice as fast as the
      // same rows through the townshipId index. In a transaction of its own: Dexie's live-query
      // cache deep-clones every result read outside one.
      const { value: kept, stamp } = await keptRead(DESK_ESCALATIONS_KEY, `deskQueue:${id}`, async () => {
        const [all, rated, stamp] = await db.transaction('r', [db.escalations, db.suggestions, db.meta], () =>
          Promise.all([
            db.escalations.toArray(),
            db.suggestions.where('rating.by').equals('villager').toArray(),
            db.meta.get(RECORDS_STAMP_KEY),
          ]),
        )
        const escalations = all.filter((e) => e.townshipId === id)
        return { value: { escalations, villagerRatings: villagerRatingsOf(escalations, rated) }, stamp: stampOf(stamp) }
      })
      const [villages, township] = await db.transaction('r', [db.villages, db.townships], () =>
        Promise.all([db.villages.where('townshipId').equals(id).toArray(), db.townships.get(id)]),
      )
      return {
        ...kept,
        villageNames: new Map(villages.filter((v) => v.deletedAt === null).map((v) => [v.id, v.name])),
        township: township ?? session.session?.township ?? null,
        stamp,
      }
    },
    undefined,
    () => [townshipId.value, rowsWanted.value],
  )

  // Apart from the rows: every sync round writes it, and must not make the queue read them again.
  // At the app's start its first read brought it along (db/peek.ts): the queue's first render
  // need not wait for Dexie to open for it.
  const syncedValue = (value: unknown) => ({ value: typeof value === 'string' ? value : null })
  const syncedAtStart = takeAtStart(LAST_SYNC_KEY)
  const { value: synced } = useLiveQuery<{ value: string | null } | undefined>(
    async () => syncedValue((await useDb().meta.get(LAST_SYNC_KEY))?.value),
    syncedAtStart && syncedValue(syncedAtStart.value),
  )

  /** Today in Shanghai; `tick()` moves it on (the page calls it when it is shown again). */
  const today = ref(todayInShanghai(new Date()))
  const tick = () => {
    today.value = todayInShanghai(new Date())
  }

  const rows = computed<QueueRow[]>(() => {
    const d = data.value
    if (!d) return []
    return deriveRows(d.escalations, d.villageNames, calendarOf(d.township), policyOf(d.township), today.value, d.villagerRatings)
  })
  /** The rows have been read (the first screen no longer stands in for them). */
  const rowsRead = computed(() => data.value !== undefined)
  const villages = computed(() =>
    [...(data.value?.villageNames ?? new Map<string, string>())]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  )

  // The queue's first screen: the page shows it at once instead of waiting for 5,000 rows to be
  // read and their clocks counted (bench:township), and the rows are read once it is painted (the
  // reading competed with it for the main thread). Kept for the township and the day (the clocks
  // move with it) and used only while no record changed since.
  const firstScreen = shallowRef<QueueFirstScreen | null>(null)
  const firstScope = (id: string) => `${id}:${today.value}`
  watch(
    townshipId,
    async (id) => {
      firstScreen.value = null
      rowsWanted.value = false
      if (id === undefined) return
      if (id !== null) {
        // Read with the session at the app's start (no Dexie, no wait), or else now.
        const atStart = keptAtStart<QueueFirstScreen>(DESK_FIRST_SCREEN_KEY, firstScope(id))
        const kept =
          atStart !== undefined ? atStart : await peekKept<QueueFirstScreen>(DESK_FIRST_SCREEN_KEY, firstScope(id)).catch(() => null)
        if (townshipId.value !== id) return
        if (kept) {
          firstScreen.value = kept
          await afterPaint()
        }
      }
      if (townshipId.value === id) rowsWanted.value = true
    },
    { immediate: true },
  )
  watch(data, (d) => {
    firstScreen.value = null
    const id = townshipId.value
    if (!d || id == null || d.escalations.length === 0) return
    const shown = rows.value
    const names = villages.value
    keepDerived(DESK_FIRST_SCREEN_KEY, firstScope(id), d.stamp, () => firstScreenOf(shown, names))
  })

  /** Loaded: the first read answered, or the first screen stands in for it. */
  const loaded = computed(() => (rowsRead.value || firstScreen.value !== null) && synced.value !== undefined)
  /** A fresh desk: nothing here yet and no sync round has finished (the download is under way). */
  const downloading = computed(
    () => data.value !== undefined && townshipId.value != null && data.value.escalations.length === 0 && synced.value?.value == null,
  )
  /** When the last sync round finished on this device (what the queue shows offline). */
  const syncedAt = computed(() => synced.value?.value ?? null)
  const digest = computed(() => (!rowsRead.value && firstScreen.value ? firstScreen.value.view.digest : digestOf(rows.value)))
  const township = computed(() => data.value?.township ?? null)

  return { rows, rowsRead, firstScreen, loaded, downloading, syncedAt, villages, digest, township, today, tick }
})
