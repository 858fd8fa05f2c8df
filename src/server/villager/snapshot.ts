import { sql } from 'kysely'
import { LRUCache } from 'lru-cache'
import type { LedgerIndex } from '@shared/ledger'
import { indexLedger } from '@shared/ledger'
import type { Village } from '@shared/records'
import type { AppContext } from '../context'

/** A village's ledger as the public routes read it, and the newest version it holds. */
export interface VillageSnapshot {
  village: Village
  index: LedgerIndex
  version: number
}

const ledgerTables = ['suggestions', 'meetings', 'topics', 'decisions', 'escalations', 'remarks'] as const

/**
 * The ledger of each village for the public routes, read whole once and kept while nothing in the
 * village changed: one small query (the newest version of each of its tables, by the
 * `<table>_villageId_version` indexes) decides whether a kept copy is still the village as it is.
 */
export function createVillageSnapshots(ctx: AppContext) {
  const kept = new LRUCache<string, VillageSnapshot>({ max: 200 })
  const { db } = ctx.database

  /** A live village by its public code. */
  async function villageByCode(code: string): Promise<Village | undefined> {
    const [village] = await ctx.records.list('villages', { code, deletedAt: null })
    return village
  }

  async function newestVersion(village: Village): Promise<number> {
    const parts = ledgerTables.map((table) => sql`select max("version") as v from ${sql.table(table)} where "villageId" = ${village.id}`)
    const query = sql<{ v: number | string | null }>`select max(v) as v from (${sql.join(
      [...parts, sql`select "version" as v from "villages" where "id" = ${village.id}`],
      sql` union all `,
    )}) as versions`
    const { rows } = await query.execute(db)
    return Number(rows[0]?.v ?? 0)
  }

  async function load(village: Village, version: number): Promise<VillageSnapshot> {
    const villageId = village.id
    const [suggestions, meetings, topics, decisions, escalations, remarks] = await Promise.all([
      ctx.records.list('suggestions', { villageId }),
      ctx.records.list('meetings', { villageId }),
      ctx.records.list('topics', { villageId }),
      ctx.records.list('decisions', { villageId }),
      ctx.records.list('escalations', { villageId }),
      // Only progress notes on decisions date a completion; views and other remarks are not read.
      ctx.records.list('remarks', { villageId, subjectType: 'decision', kind: 'progress' }),
    ])
    return { village, version, index: indexLedger({ suggestions, meetings, topics, decisions, escalations, remarks }) }
  }

  /** The village's ledger now: the kept copy while its newest version is unchanged, else read again. */
  async function snapshot(village: Village): Promise<VillageSnapshot> {
    const version = await newestVersion(village)
    const hit = kept.get(village.id)
    if (hit && hit.version === version && hit.village.version === village.version) return hit
    const fresh = await load(village, version)
    kept.set(village.id, fresh)
    return fresh
  }

  return { villageByCode, snapshot }
}

export type VillageSnapshots = ReturnType<typeof createVillageSnapshots>
