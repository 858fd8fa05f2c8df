// What the statistics page adds its figures up from: the statistics' facts of the device's records
// (`statsFacts`, src/shared/desk/stats), kept in `meta` with the records' stamp they were derived
// at. While no record has been written since (db/stamp), any period's figures come from them in a
// few milliseconds; after a write, the rows are read whole once (a township's 20,000 suggestions:
// ~0.5 s on a small machine) and the facts derived and kept again. `refreshStatsFacts` does that
// ahead of time, when the device is idle after a sync round, so the page rarely waits for it.
import type { StatsFacts } from '@shared/desk/stats'
import { statsFacts } from '@shared/desk/stats'
import { calendarOf } from '@shared/calendar'
import type { Ref } from 'vue'
import type { Township } from '@shared/records'
import { useDb } from '@app/db'
import { RECORDS_STAMP_KEY } from '@app/db/stamp'
import { useLiveQuery } from '@app/composables/liveQuery'
import type { ReportActor } from './reportRows'
import { byName, loadReportRows, ownVillageOf, reportVillages } from './reportRows'

export interface StatsSource {
  facts: StatsFacts
  township: Township | null
  /** The villages the page is about (the cadre's own, or the township's), by name. */
  villageIds: string[]
  villageNames: Map<string, string>
}

/** The `meta` key of the kept facts. */
export const STATS_FACTS_KEY = 'statsFacts'

/** Bump when `StatsFacts` or its derivation changes: facts kept by an older format are derived again. */
const FACTS_FORMAT = 1

interface KeptFacts {
  /** Whose facts, in which format, by which build of the app (its bundled calendar included). */
  scope: string
  stamp: string | null
  facts: StatsFacts
}

const appVersion = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev'
const scopeOf = (actor: ReportActor) => `${FACTS_FORMAT}:${appVersion}:${actor.role}:${actor.townshipId}:${ownVillageOf(actor) ?? ''}`

const stampOf = (row: { value: unknown } | undefined) => (typeof row?.value === 'string' ? row.value : null)

function isKept(value: unknown): value is KeptFacts {
  return typeof value === 'object' && value !== null && 'scope' in value && 'facts' in value
}

/**
 * Read the rows whole, derive their facts and keep them with the stamp read with the rows (a write
 * in between leaves the kept facts behind the stamp, so they are derived again next time).
 */
async function deriveFacts(actor: ReportActor): Promise<StatsFacts> {
  const rows = await loadReportRows(actor)
  const facts = statsFacts(rows.index, { calendar: calendarOf(rows.township) })
  const kept: KeptFacts = { scope: scopeOf(actor), stamp: rows.stamp, facts }
  // Outside the live query that may be running this: Dexie refuses a write inside one.
  setTimeout(() => void useDb().meta.put({ key: STATS_FACTS_KEY, value: kept }).catch(() => undefined), 0)
  return facts
}

/**
 * The statistics' source for `actor`: the kept facts when they are current, else derived from the
 * rows now (and kept); the villages and township are read each time (a few rows).
 */
export async function loadStatsSource(actor: ReportActor): Promise<StatsSource> {
  const db = useDb()
  const [stamp, kept, villages, township] = await db.transaction('r', [db.meta, db.villages, db.townships], () =>
    Promise.all([
      db.meta.get(RECORDS_STAMP_KEY),
      db.meta.get(STATS_FACTS_KEY),
      reportVillages(actor),
      actor.townshipId ? db.townships.get(actor.townshipId) : undefined,
    ]),
  )
  const current = isKept(kept?.value) && kept.value.scope === scopeOf(actor) && kept.value.stamp === stampOf(stamp)
  const facts = current ? (kept!.value as KeptFacts).facts : await deriveFacts(actor)
  return { facts, township: township && township.deletedAt == null ? township : null, ...byName(villages) }
}

/** `loadStatsSource`, kept in step with the device database while the page lives; null until read. */
export function useStatsSource(actor: Ref<ReportActor | null>) {
  return useLiveQuery<StatsSource | null>(
    async () => (actor.value ? loadStatsSource(actor.value) : null),
    null,
    () => actor.value,
  )
}

/** Derive and keep the facts of `actor` unless the kept ones are current (after a sync round, when idle). */
export async function refreshStatsFacts(actor: ReportActor): Promise<void> {
  await loadStatsSource(actor)
}
