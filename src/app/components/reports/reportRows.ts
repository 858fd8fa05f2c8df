// What the statistics, export and weekly pages read from the device database: every row the
// ledger derives from — a village's on a cadre's phone, the whole township's at the desk —
// indexed once, with the progress remarks that date a decision's completion.
import Dexie from 'dexie'
import { ref } from 'vue'
import type { Ref } from 'vue'
import type { Actor } from '@shared/actor'
import type { Period } from '@shared/desk/stats'
import { allTime } from '@shared/desk/stats'
import type { LedgerIndex } from '@shared/ledger'
import { indexLedger } from '@shared/ledger'
import type { Suggestion, Township } from '@shared/records'
import { toDayNumber, toIsoDate } from '@shared/calendar/dates'
import { useDb } from '@app/db'
import { useLiveQuery } from '@app/composables/liveQuery'

export interface ReportRows {
  index: LedgerIndex
  township: Township | null
  /** The villages the page is about: the cadre's own, or every village of the township. */
  villageIds: string[]
  villageNames: Map<string, string>
  /** The suggestions read: those collected in this period (by Shanghai date), or all (null). */
  period: Period | null
}

export type ReportActor = Pick<Actor, 'role' | 'townshipId' | 'villageId'>

/** Whether rows read for `read` hold every suggestion of `wanted`. */
export function covers(read: Period | null, wanted: Period): boolean {
  return read === null || (read.from <= wanted.from && read.to >= wanted.to)
}

/** The longest period whose suggestions are read by index ranges (a quarter). */
const MAX_RANGE_DAYS = 92

/** The UTC instants that bound a period's Shanghai days, for the `[villageId+createdAt]` index. */
function instantRange(period: Period): [string, string] {
  const before = toIsoDate(toDayNumber(period.from) - 1)
  return [`${before}T16:00:00.000Z`, `${period.to}T16:00:00.000Z`]
}

/**
 * Read every row the reports of `actor` need, in one go. With a `period`, only the suggestions
 * collected in it are read (by the `[villageId+createdAt]` index, village by village): the
 * statistics of a month need its suggestions, not a township's 20,000; decisions, escalations,
 * meetings and topics are always read whole (finished work and the funnel look across periods).
 */
export async function loadReportRows(actor: ReportActor, period: Period | null = null): Promise<ReportRows> {
  const db = useDb()
  const own = actor.role === 'cadre' || actor.role === 'collector' ? actor.villageId : null
  const progress = (r: { kind: string; subjectType: string }) => r.kind === 'progress' && r.subjectType === 'decision'
  // A month or a quarter is read by index ranges, village by village; longer periods hold most
  // rows, and one getAll of the table is then faster than fifty ranges (bench:township).
  const whole =
    period === null || (period.from === allTime.from && period.to === allTime.to) ||
    toDayNumber(period.to) - toDayNumber(period.from) > MAX_RANGE_DAYS
  const readVillages = () => own
    ? db.villages.where('id').equals(own).toArray()
    : db.villages.where('townshipId').equals(actor.townshipId ?? '').toArray()
  const range = whole ? null : instantRange(period)
  const suggestionsOf = (villageId: string): Promise<Suggestion[]> =>
    db.suggestions
      .where('[villageId+createdAt]')
      .between([villageId, range ? range[0] : Dexie.minKey], [villageId, range ? range[1] : Dexie.maxKey], true, false)
      .toArray()
  // In one read-only transaction: Dexie's live-query cache deep-clones every result read outside
  // one (a township's 20,000 suggestions: ~90 ms of cloning and as much again of garbage).
  const tables = [db.villages, db.suggestions, db.meetings, db.topics, db.decisions, db.escalations, db.remarks, db.townships]
  const [villages, suggestions, meetings, topics, decisions, escalations, remarks, township] = await db.transaction('r', tables, () => {
    const villagesRead = readVillages()
    return Promise.all(
      own
        ? [
            villagesRead,
            suggestionsOf(own),
            db.meetings.where('[villageId+startsAt]').between([own, Dexie.minKey], [own, Dexie.maxKey]).toArray(),
            db.topics.toArray().then((all) => all.filter((topic) => topic.villageId === own)),
            db.decisions.where('villageId').equals(own).toArray(),
            db.escalations.where('villageId').equals(own).toArray(),
            db.remarks.where('villageId').equals(own).toArray().then((all) => all.filter(progress)),
            actor.townshipId ? db.townships.get(actor.townshipId) : undefined,
          ] as const
        : [
            // A township's device holds only its own villages' rows: whole tables are read with one getAll.
            villagesRead,
            range
              ? villagesRead.then((villages) => Promise.all(villages.map((village) => suggestionsOf(village.id)))).then((lists) => lists.flat())
              : db.suggestions.toArray(),
            db.meetings.toArray(),
            db.topics.toArray(),
            db.decisions.toArray(),
            db.escalations.toArray(),
            // getAll and a filter here: Dexie's filter on a table walks a cursor, a round trip per row.
            db.remarks.toArray().then((all) => all.filter(progress)),
            actor.townshipId ? db.townships.get(actor.townshipId) : undefined,
          ] as const,
    )
  })
  const index = indexLedger({ suggestions, meetings, topics, decisions, escalations, villages, remarks })
  const sorted = [...index.villages].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  return {
    index: { ...index, villages: sorted },
    township: township && township.deletedAt == null ? township : null,
    villageIds: sorted.map((village) => village.id),
    villageNames: new Map(sorted.map((village) => [village.id, village.name])),
    period: whole ? null : period,
  }
}

/**
 * The last rows read, kept while the app runs: opening the statistics again shows them at once
 * while the live query reads the device database afresh (a township's 20,000 suggestions take a
 * few hundred milliseconds to read).
 */
let last: { key: string; rows: ReportRows } | null = null
const keyOf = (actor: ReportActor) => `${actor.role}:${actor.townshipId}:${actor.villageId ?? ''}`

/**
 * The report rows of `actor` for `period` (at least its suggestions; see `loadReportRows`), kept in
 * step with the device database while the page lives; null until read. Rows read earlier for
 * another period may be the value for a moment: check them with `covers`.
 */
export function useReportRows(actor: Ref<ReportActor | null>, period: Ref<Period>) {
  const cached = actor.value && last?.key === keyOf(actor.value) ? last.rows : null
  // With rows to show, read afresh once they are on screen: the read would delay their first paint.
  const reading = ref(cached === null || !covers(cached.period, period.value))
  if (!reading.value) requestAnimationFrame(() => setTimeout(() => (reading.value = true), 0))
  return useLiveQuery<ReportRows | null>(
    async () => {
      const who = actor.value
      if (!who) return null
      if (!reading.value) return cached
      const rows = await loadReportRows(who, period.value)
      last = { key: keyOf(who), rows }
      return rows
    },
    cached,
    () => [actor.value, period.value.from, period.value.to, reading.value],
  )
}
