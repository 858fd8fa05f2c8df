// What the statistics page adds its figures up from: the statistics' facts of the device's records
// (`statsFacts`, src/shared/desk/stats), kept on the device (db/kept.ts) with the records' stamp
// they were derived at. While no record has been written since, any period's figures come from
// them in a few milliseconds; after a write, the rows are read whole once (a township's 20,000
// suggestions: ~0.5 s on a small machine) and the facts derived and kept again. On a desk, a
// worker does that a few seconds after each sync round with changes (factsRefresh.ts).
import type { StatsFacts } from '@shared/desk/stats'
import { statsFacts } from '@shared/desk/stats'
import { calendarOf } from '@shared/calendar'
import type { Township } from '@shared/records'
import { useDb } from '@app/db'
import { keptRead } from '@app/db/kept'
import type { ReportActor } from './reportRows'
import { byName, loadReportRows, ownVillageOf, reportVillages } from './reportRows'

export interface StatsSource {
  facts: StatsFacts
  /** False while the records have changed since the facts were derived (a worker is at it). */
  current: boolean
  township: Township | null
  /** The villages the page is about (the cadre's own, or the township's), by name. */
  villageIds: string[]
  villageNames: Map<string, string>
}

/** The `meta` key of the kept facts. */
export const STATS_FACTS_KEY = 'statsFacts'

/** Bump when `StatsFacts` or its derivation changes: facts kept by an older format are derived again. */
const FACTS_FORMAT = 1

/**
 * The statistics' source for `actor`: the kept facts while no record changed since they were
 * derived, else derived from the rows read whole now (and kept). With `whileBehind` (the page), kept
 * facts that are behind are served, marked `current: false`, while a worker derives them anew.
 * The villages and township are read each time (a few rows).
 */
export async function loadStatsSource(actor: ReportActor, whileBehind?: () => boolean): Promise<StatsSource> {
  const scope = `statsFacts${FACTS_FORMAT}:${actor.role}:${actor.townshipId}:${ownVillageOf(actor) ?? ''}`
  const facts = await keptRead(STATS_FACTS_KEY, scope, async () => {
    const rows = await loadReportRows(actor)
    return { value: statsFacts(rows.index, { calendar: calendarOf(rows.township) }), stamp: rows.stamp }
  }, { whileBehind })
  const db = useDb()
  const [villages, township] = await db.transaction('r', [db.villages, db.townships], () =>
    Promise.all([reportVillages(actor), actor.townshipId ? db.townships.get(actor.townshipId) : undefined]),
  )
  return {
    facts: facts.value,
    current: facts.current,
    township: township && township.deletedAt == null ? township : null,
    ...byName(villages),
  }
}

/** Derive and keep the facts of `actor` unless the kept ones are current (after a sync round, when idle). */
export async function refreshStatsFacts(actor: ReportActor): Promise<void> {
  await loadStatsSource(actor)
}
