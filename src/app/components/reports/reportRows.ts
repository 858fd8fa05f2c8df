// What the statistics, export and weekly pages read from the device database: every row the
// ledger derives from — a village's on a cadre's phone, the whole township's at the desk —
// indexed once, with the progress remarks that date a decision's completion.
import Dexie from 'dexie'
import { ref } from 'vue'
import type { Ref } from 'vue'
import type { Actor } from '@shared/actor'
import type { LedgerIndex } from '@shared/ledger'
import { indexLedger } from '@shared/ledger'
import type { Township } from '@shared/records'
import { useDb } from '@app/db'
import { useLiveQuery } from '@app/composables/liveQuery'

export interface ReportRows {
  index: LedgerIndex
  township: Township | null
  /** The villages the page is about: the cadre's own, or every village of the township. */
  villageIds: string[]
  villageNames: Map<string, string>
}

type ReportActor = Pick<Actor, 'role' | 'townshipId' | 'villageId'>

/** Read every row the reports of `actor` need, in one go. */
export async function loadReportRows(actor: ReportActor): Promise<ReportRows> {
  const db = useDb()
  const villageId = actor.role === 'cadre' || actor.role === 'collector' ? actor.villageId : null
  const progress = (r: { kind: string; subjectType: string }) => r.kind === 'progress' && r.subjectType === 'decision'
  const [suggestions, meetings, topics, decisions, escalations, villages, remarks, township] = await Promise.all(
    villageId
      ? [
          db.suggestions.where('[villageId+createdAt]').between([villageId, Dexie.minKey], [villageId, Dexie.maxKey]).toArray(),
          db.meetings.where('[villageId+startsAt]').between([villageId, Dexie.minKey], [villageId, Dexie.maxKey]).toArray(),
          db.topics.toArray().then((all) => all.filter((topic) => topic.villageId === villageId)),
          db.decisions.where('villageId').equals(villageId).toArray(),
          db.escalations.where('villageId').equals(villageId).toArray(),
          db.villages.where('id').equals(villageId).toArray(),
          db.remarks.where('villageId').equals(villageId).toArray().then((all) => all.filter(progress)),
          actor.townshipId ? db.townships.get(actor.townshipId) : undefined,
        ] as const
      : [
          // A township's device holds only its own villages' rows.
          db.suggestions.toArray(),
          db.meetings.toArray(),
          db.topics.toArray(),
          db.decisions.toArray(),
          db.escalations.toArray(),
          db.villages.where('townshipId').equals(actor.townshipId ?? '').toArray(),
          // getAll and a filter here: Dexie's filter on a table walks a cursor, a round trip per row.
          db.remarks.toArray().then((all) => all.filter(progress)),
          actor.townshipId ? db.townships.get(actor.townshipId) : undefined,
        ] as const,
  )
  const index = indexLedger({ suggestions, meetings, topics, decisions, escalations, villages, remarks })
  const sorted = [...index.villages].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  return {
    index: { ...index, villages: sorted },
    township: township && township.deletedAt == null ? township : null,
    villageIds: sorted.map((village) => village.id),
    villageNames: new Map(sorted.map((village) => [village.id, village.name])),
  }
}

/**
 * The last rows read, kept while the app runs: opening the statistics again shows them at once
 * while the live query reads the device database afresh (a township's 20,000 suggestions take a
 * few hundred milliseconds to read).
 */
let last: { key: string; rows: ReportRows } | null = null
const keyOf = (actor: ReportActor) => `${actor.role}:${actor.townshipId}:${actor.villageId ?? ''}`

/** The report rows of `actor`, kept in step with the device database while the page lives; null until read. */
export function useReportRows(actor: Ref<ReportActor | null>) {
  const cached = actor.value && last?.key === keyOf(actor.value) ? last.rows : null
  // With rows to show, read afresh once they are on screen: the read would delay their first paint.
  const reading = ref(cached === null)
  if (!reading.value) requestAnimationFrame(() => setTimeout(() => (reading.value = true), 0))
  return useLiveQuery<ReportRows | null>(
    async () => {
      const who = actor.value
      if (!who) return null
      if (!reading.value) return cached
      const rows = await loadReportRows(who)
      last = { key: keyOf(who), rows }
      return rows
    },
    cached,
    () => [actor.value, reading.value],
  )
}
