// The records' write stamp: a value in `meta` that changes, in the same transaction, whenever any
// record table is written — by a local mutation, a sync round, an upgrade or anything later added.
// What is derived from the records and kept on the device (the statistics' facts) carries the
// stamp it was derived at, and is current exactly while the stamp has not moved.
//
// It is a Dexie DBCore middleware, so no write path can forget it: a read-write transaction that
// touches a record table gets `meta` added to its scope, and each write to a record table puts a
// new stamp (the way dexie-cloud tracks its mutations).
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie'
import type { Tables } from '@shared/records'
import { forgetAtStart, RECORDS_STAMP_KEY } from './peek'

/** The `meta` key of the stamp. */
export { RECORDS_STAMP_KEY }

/** Every record table (`tableNames` of @shared/records, which would bring zod into this chunk; a test keeps them equal). */
export const recordTables: ReadonlySet<string> = new Set<keyof Tables>([
  'townships', 'villages', 'members', 'suggestions', 'meetings', 'topics', 'remarks', 'decisions', 'escalations', 'attachments',
])

let counter = 0
/** A value no other write on any device of this browser has put (the time, a count, a random part). */
export function freshStamp(): string {
  counter = (counter + 1) % 1_000_000
  return `${Date.now().toString(36)}.${counter.toString(36)}.${Math.random().toString(36).slice(2, 10)}`
}

export const recordsStampMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'RecordsStamp',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const widen = mode === 'readwrite' && !stores.includes('meta') && stores.some((store) => recordTables.has(store))
        return down.transaction(widen ? [...stores, 'meta'] : stores, mode, options)
      },
      table(name) {
        const table = down.table(name)
        if (!recordTables.has(name)) return table
        const meta = down.table('meta')
        return {
          ...table,
          async mutate(req: DBCoreMutateRequest) {
            const result = await table.mutate(req)
            forgetAtStart()
            await meta.mutate({ type: 'put', trans: req.trans, values: [{ key: RECORDS_STAMP_KEY, value: freshStamp() }] })
            return result
          },
        }
      },
    }
  },
}
