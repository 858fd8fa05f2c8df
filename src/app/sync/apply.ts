import { tableNames, type TableName, type Tables } from '@shared/records'
import type { Actor } from '@shared/actor'
import { runMutation } from '@shared/mutations'
import type { PullResponse, SyncRejection } from '@shared/sync/protocol'
import type { BaseEntry, OutboxEntry, YehuaDb } from '@app/db/schema'
import { writeChanges, writeTables } from '@app/db/local'
import { refusalSubject } from './refusal'

export const CURSOR_KEY = 'cursor'

/**
 * Keep the server's refusals for the person to read, with the arguments of what was not saved and
 * the item it was about (read before the rebase takes the refused change's rows away).
 * Must run inside a transaction over `writeTables` and `rejections`.
 */
export async function recordRejections(
  db: YehuaDb,
  deviceId: string,
  rejections: SyncRejection[],
  at: string,
): Promise<void> {
  for (const r of rejections) {
    const key = `${deviceId}:${r.mid}`
    if (await db.rejections.get(key)) continue
    const entry = await db.outbox.get(r.mid)
    const subject = entry ? await refusalSubject(db, entry.name, entry.args) : null
    await db.rejections.put({ ...r, key, args: entry?.args ?? null, at, ...(subject ? { subject } : {}) })
  }
}

/** Drop outbox rows the server has taken (applied or refused). */
export async function dropAcknowledged(db: YehuaDb, lastMid: number): Promise<void> {
  await db.outbox.where('mid').belowOrEqual(lastMid).delete()
}

/**
 * Put server truth back under every row that local mutations changed, then re-apply the mutations
 * still in the outbox on top, so the screen shows server state plus the person's unsent work.
 * Must run inside a transaction over `writeTables`.
 */
export async function rebase(db: YehuaDb, actor: Actor): Promise<void> {
  const bases = await db.base.toArray()
  for (const { table, row, ref } of bases) {
    const id = ref.slice(table.length + 1)
    if (row) await db.table(table).put(row)
    else await db.table(table).delete(id)
  }
  await db.base.clear()
  const pending: OutboxEntry[] = await db.outbox.orderBy('mid').toArray()
  for (const entry of pending) {
    const load = (r: { table: TableName; id: string }) => db.table(r.table).get(r.id)
    const result = await runMutation(entry.name, entry.args, actor, entry.clientTime, load)
    // A pending mutation that no longer applies locally stays queued: the server has the final word.
    if (result.ok) await writeChanges(db, result.changes)
  }
}

/**
 * Apply one pull page in one transaction: server rows (also under pending local changes), the
 * new cursor, acknowledged outbox rows dropped, refusals recorded, pending work re-applied.
 */
export async function applyPullPage(
  db: YehuaDb,
  page: PullResponse,
  identity: { deviceId: string; actor: Actor },
  at: string,
): Promise<void> {
  await db.transaction('rw', [...writeTables, 'rejections'], async () => {
    if (page.reset) {
      await Promise.all(tableNames.map((t) => db.table(t).clear()))
      await db.base.clear()
    }
    // In bulk: one awaited get and put per row made a 10,000-row first pull take twice as long.
    const refs = page.rows.map(({ table, row }) => `${table}:${String(row.id)}`)
    const pending = await db.base.bulkGet(refs)
    const bases: BaseEntry[] = []
    const rows = new Map<TableName, unknown[]>()
    page.rows.forEach(({ table, row }, i) => {
      // A row under pending local changes: the pulled copy becomes the new base to rebase onto.
      if (pending[i]) bases.push({ ref: refs[i]!, table, row: row as unknown as Tables[TableName] })
      else if (rows.has(table)) rows.get(table)!.push(row)
      else rows.set(table, [row])
    })
    await db.base.bulkPut(bases)
    for (const [table, list] of rows) await db.table(table).bulkPut(list)
    await db.meta.put({ key: CURSOR_KEY, value: page.cursor })
    await recordRejections(db, identity.deviceId, page.rejections, at)
    await dropAcknowledged(db, page.lastMid)
    await rebase(db, identity.actor)
  })
}
