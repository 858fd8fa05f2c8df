// What the statistics, export and weekly pages read from the device database: every row the
// ledger derives from — a village's on a cadre's phone, the whole township's at the desk —
// indexed once, with the progress remarks that date a decision's completion.
import Dexie from 'dexie'
import type { Actor } from '@shared/actor'
import type { LedgerIndex } from '@shared/ledger'
import { indexLedger } from '@shared/ledger'
import type { Township, Village } from '@shared/records'
import { useDb } from '@app/db'
import { RECORDS_STAMP_KEY } from '@app/db/stamp'

export interface ReportRows {
  index: LedgerIndex
  township: Township | null
  /** The villages the page is about: the cadre's own, or every village of the township. */
  villageIds: string[]
  villageNames: Map<string, string>
  /** The records' stamp when they were read (null before any write stamped them): see db/stamp. */
  stamp: string | null
}

export type ReportActor = Pick<Actor, 'role' | 'townshipId' | 'villageId'>

/** The village a cadre's or collector's reports are about; null for the township's. */
export const ownVillageOf = (actor: ReportActor): string | null =>
  actor.role === 'cadre' || actor.role === 'collector' ? actor.villageId : null

/** The villages `actor`'s reports are about, read in the caller's transaction. */
export function reportVillages(actor: ReportActor): Promise<Village[]> {
  const db = useDb()
  const own = ownVillageOf(actor)
  return own
    ? db.villages.where('id').equals(own).toArray()
    : db.villages.where('townshipId').equals(actor.townshipId ?? '').toArray()
}

/** Live villages sorted by name (zh-CN), with their ids and names in that order. */
export function byName(villages: readonly Village[]): { villages: Village[]; villageIds: string[]; villageNames: Map<string, string> } {
  const sorted = villages.filter((village) => village.deletedAt == null).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  return {
    villages: sorted,
    villageIds: sorted.map((village) => village.id),
    villageNames: new Map(sorted.map((village) => [village.id, village.name])),
  }
}

/**
 * Read every row the reports of `actor` need, in one go, with the records' stamp of that moment:
 * a cadre's village's rows, or the whole township's (a township's device holds only its own
 * villages' rows, so whole tables are read with one getAll each).
 */
export async function loadReportRows(actor: ReportActor): Promise<ReportRows> {
  const db = useDb()
  const own = ownVillageOf(actor)
  const progress = (r: { kind: string; subjectType: string }) => r.kind === 'progress' && r.subjectType === 'decision'
  // In one read-only transaction: Dexie's live-query cache deep-clones every result read outside
  // one (a township's 20,000 suggestions: ~90 ms of cloning and as much again of garbage).
  const tables = [db.villages, db.suggestions, db.meetings, db.topics, db.decisions, db.escalations, db.remarks, db.townships, db.meta]
  const [villages, suggestions, meetings, topics, decisions, escalations, remarks, township, stamp] = await db.transaction('r', tables, () =>
    Promise.all(
      own
        ? [
            reportVillages(actor),
            db.suggestions.where('[villageId+createdAt]').between([own, Dexie.minKey], [own, Dexie.maxKey]).toArray(),
            db.meetings.where('[villageId+startsAt]').between([own, Dexie.minKey], [own, Dexie.maxKey]).toArray(),
            db.topics.toArray().then((all) => all.filter((topic) => topic.villageId === own)),
            db.decisions.where('villageId').equals(own).toArray(),
            db.escalations.where('villageId').equals(own).toArray(),
            db.remarks.where('villageId').equals(own).toArray().then((all) => all.filter(progress)),
            actor.townshipId ? db.townships.get(actor.townshipId) : undefined,
            db.meta.get(RECORDS_STAMP_KEY),
          ] as const
        : [
            reportVillages(actor),
            db.suggestions.toArray(),
            db.meetings.toArray(),
            db.topics.toArray(),
            db.decisions.toArray(),
            db.escalations.toArray(),
            // getAll and a filter here: Dexie's filter on a table walks a cursor, a round trip per row.
            db.remarks.toArray().then((all) => all.filter(progress)),
            actor.townshipId ? db.townships.get(actor.townshipId) : undefined,
            db.meta.get(RECORDS_STAMP_KEY),
          ] as const,
    ),
  )
  const index = indexLedger({ suggestions, meetings, topics, decisions, escalations, villages, remarks })
  const named = byName(index.villages)
  return {
    index: { ...index, villages: named.villages },
    township: township && township.deletedAt == null ? township : null,
    villageIds: named.villageIds,
    villageNames: named.villageNames,
    stamp: typeof stamp?.value === 'string' ? stamp.value : null,
  }
}
