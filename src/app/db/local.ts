import { tableNames } from '@shared/records'
import type { Actor } from '@shared/actor'
import { runMutation, type Change, type MutationName, type MutationResult } from '@shared/mutations'
import type { YehuaDb } from './schema'
import { toStorageError } from './errors'

const NEXT_MID = 'nextMid'

/** Every table a local write may touch, for one read-write transaction. */
export const writeTables = [...tableNames, 'outbox', 'meta', 'base'] as const

/**
 * Write a mutation's row changes, first keeping the server's copy of each row it changes (once)
 * so a later pull can restore server truth and re-apply what is still pending.
 * Must run inside a transaction over `writeTables`.
 */
export async function writeChanges(db: YehuaDb, changes: Change[]): Promise<void> {
  for (const { table, row } of changes) {
    const ref = `${table}:${row.id}`
    if (!(await db.base.get(ref))) {
      const current = await db.table(table).get(row.id)
      await db.base.put({ ref, table, row: current ?? null })
    }
    await db.table(table).put(row)
  }
}

/** The bytes of a photo or voice note that a write names by hash, stored in the same transaction. */
export interface LocalBlob {
  /** Hex SHA-256 of `bytes`. */
  sha256: string
  bytes: ArrayBuffer
  /** Media type without parameters, e.g. `image/jpeg`. */
  mime: string
}

/** One named mutation of a local write. */
export interface LocalStep {
  name: MutationName
  args: unknown
}

export interface ApplyLocalOptions {
  /** The device clock for `clientTime` (tests pass a fixed one). */
  clock?: () => Date
  /** Blobs the mutations name: stored with the rows, waiting for upload. */
  blobs?: readonly LocalBlob[]
}

/** Carries a refusal out of the transaction so that Dexie rolls back the steps before it. */
class StepRefused extends Error {
  constructor(readonly result: Extract<MutationResult, { ok: false }>) {
    super('refused')
  }
}

/**
 * Keep blobs on the device, waiting for upload. One the phone already holds keeps its state (an
 * uploaded photo attached again is not sent again). Must run inside a transaction over `blobs`.
 */
export async function storeBlobs(db: YehuaDb, blobs: readonly LocalBlob[]): Promise<void> {
  const unique = [...new Map(blobs.map((b) => [b.sha256, b])).values()]
  const held = await db.blobs.bulkGet(unique.map((b) => b.sha256))
  const fresh = unique.filter((_, i) => held[i] === undefined || held[i]!.state === 'refused')
  await db.blobs.bulkPut(fresh.map((b) => ({ ...b, size: b.bytes.byteLength, state: 'pending' as const })))
}

/**
 * Apply several named mutations as ONE action: every step's rows, one outbox entry per step (in
 * order) and the blobs they name, in one IndexedDB transaction. The first refused step refuses
 * the whole action and nothing is written; a storage failure (e.g. quota while storing a photo)
 * throws a StorageError and writes nothing either.
 *
 * @example
 * const result = await applyLocalAll(db, [
 *   { name: 'suggestion.create', args },
 *   { name: 'attachment.add', args: { ...photo, subjectType: 'suggestion', subjectId: args.id } },
 * ], actor, { blobs: [{ sha256: photo.sha256, bytes, mime: photo.mime }] })
 */
export async function applyLocalAll(
  db: YehuaDb,
  steps: readonly LocalStep[],
  actor: Actor,
  options: ApplyLocalOptions = {},
): Promise<MutationResult> {
  const clock = options.clock ?? (() => new Date())
  const blobs = options.blobs ?? []
  const tables = blobs.length > 0 ? [...writeTables, 'blobs'] : writeTables
  try {
    return await db.transaction('rw', tables, async () => {
      const now = clock().toISOString()
      const changes: Change[] = []
      let mid = ((await db.meta.get(NEXT_MID))?.value as number | undefined) ?? 1
      for (const { name, args } of steps) {
        const result = await runMutation(name, args, actor, now, (ref) => db.table(ref.table).get(ref.id))
        if (!result.ok) throw new StepRefused(result)
        await writeChanges(db, result.changes)
        await db.outbox.add({ mid, name, args, clientTime: now })
        mid += 1
        changes.push(...result.changes)
      }
      await db.meta.put({ key: NEXT_MID, value: mid })
      if (blobs.length > 0) await storeBlobs(db, blobs)
      return { ok: true as const, changes }
    })
  } catch (error) {
    if (error instanceof StepRefused) return error.result
    throw toStorageError(error)
  }
}

/**
 * Apply a named mutation on the device: run the shared mutation against the local rows and write
 * its row changes and the outbox entry in ONE IndexedDB transaction (with the blobs it names, if
 * any). A rejection writes nothing; a storage failure throws a StorageError and writes nothing
 * either.
 *
 * @example
 * const result = await applyLocal(db, 'suggestion.create', args, actor)
 * if (!result.ok) showRejection(result.rejection)
 */
export async function applyLocal(
  db: YehuaDb,
  name: MutationName,
  args: unknown,
  actor: Actor,
  clock: () => Date = () => new Date(),
  options: Omit<ApplyLocalOptions, 'clock'> = {},
): Promise<MutationResult> {
  return applyLocalAll(db, [{ name, args }], actor, { ...options, clock })
}

/**
 * Take outbox entries out before they were ever sent (their blob was refused) and close the gap:
 * the entries after them move down so the server still sees consecutive mids. Only for entries
 * the server has never received. Must run inside a transaction over `outbox` and `meta`.
 */
export async function removeUnsent(db: YehuaDb, mids: readonly number[]): Promise<void> {
  if (mids.length === 0) return
  const first = Math.min(...mids)
  const removed = new Set(mids)
  const after = await db.outbox.where('mid').aboveOrEqual(first).sortBy('mid')
  const kept = after.filter((entry) => !removed.has(entry.mid))
  await db.outbox.where('mid').aboveOrEqual(first).delete()
  await db.outbox.bulkAdd(kept.map((entry, i) => ({ ...entry, mid: first + i })))
  await db.meta.put({ key: NEXT_MID, value: first + kept.length })
}

/**
 * Number the pending outbox entries from `firstMid` on, keeping their order, and continue the
 * device counter after them. Used when the server's count of our mids restarts.
 */
export async function renumberOutbox(db: YehuaDb, firstMid: number): Promise<void> {
  await db.transaction('rw', db.outbox, db.meta, async () => {
    const pending = await db.outbox.orderBy('mid').toArray()
    await db.outbox.clear()
    await db.outbox.bulkAdd(pending.map((entry, i) => ({ ...entry, mid: firstMid + i })))
    await db.meta.put({ key: NEXT_MID, value: firstMid + pending.length })
  })
}
