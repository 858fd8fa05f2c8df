import type { Kysely, Transaction } from 'kysely'
import type { Change, RowLoader } from '@shared/mutations'
import type { TableName, Tables } from '@shared/records'
import { decodeRecord, encodeRecord } from './codec'
import type { Database, StoredRecord } from './schema'
import { nextVersion } from './versions'

// Kysely cannot type a query over a table chosen at run time; the codec types both ends instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = Kysely<any>

/**
 * Synced records (townships … attachments) in their shared shape. Every write takes the next
 * global version, so a row written here is what a later pull hands out.
 */
export function createRecordRepository(db: Kysely<Database>) {
  async function get<T extends TableName>(table: T, id: string, trx: Kysely<Database> = db) {
    const stored = await (trx as Untyped).selectFrom(table as TableName).selectAll().where('id', '=', id).executeTakeFirst()
    return stored ? decodeRecord(table, stored as StoredRecord<Tables[T]>) : undefined
  }

  /** Insert or replace a row with the next version; returns the row as written. */
  async function write<T extends TableName>(table: T, record: Tables[T], trx: Transaction<Database>) {
    const written = { ...record, version: await nextVersion(trx) }
    const { id, ...fields } = encodeRecord(table, written)
    await (trx as unknown as Untyped)
      .insertInto(table as TableName)
      .values({ id, ...fields })
      .onConflict((oc) => oc.column('id').doUpdateSet(fields as Record<string, unknown>))
      .execute()
    return written
  }

  /** Write one row a mutation changed (see `write`). */
  async function writeChange(change: Change, trx: Transaction<Database>): Promise<Change> {
    // `change` pairs a table with its row type; TypeScript loses that pairing across the union.
    const row = await write(change.table, change.row as never, trx)
    return { table: change.table, row } as Change
  }

  /** Rows of a table matching equal-field filters, oldest version first. */
  async function list<T extends TableName>(
    table: T,
    where: Partial<Record<keyof Tables[T] & string, string | null>> = {},
    trx: Kysely<Database> = db,
  ): Promise<Tables[T][]> {
    let query = (trx as Untyped).selectFrom(table as TableName).selectAll()
    for (const [column, value] of Object.entries(where)) {
      query = value === null ? query.where(column, 'is', null) : query.where(column, '=', value)
    }
    const rows = await query.orderBy('version').execute()
    return rows.map((stored) => decodeRecord(table, stored as StoredRecord<Tables[T]>))
  }

  /** A `RowLoader` for `runMutation` that reads inside the given transaction. */
  function loader(trx: Kysely<Database>): RowLoader {
    return (ref) => get(ref.table, ref.id, trx)
  }

  return { get, write, writeChange, list, loader }
}

export type RecordRepository = ReturnType<typeof createRecordRepository>
