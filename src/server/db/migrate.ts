import { Migrator } from 'kysely'
import type { DatabaseHandle } from './connection'
import { migrationProvider } from './migrations'

/** The schema version: the number of the newest applied migration (`001_init` → 1). */
export type SchemaVersion = number

function migrator({ db, dialect }: DatabaseHandle): Migrator {
  return new Migrator({ db, provider: migrationProvider(dialect) })
}

/** Bring the database to the newest schema; throws with the failing migration's error. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<SchemaVersion> {
  const { error, results } = await migrator(handle).migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`migration ${failed} failed`, { cause: error })
  }
  return schemaVersion(handle)
}

/** The newest applied migration's number, 0 on an empty database. */
export async function schemaVersion(handle: DatabaseHandle): Promise<SchemaVersion> {
  const migrations = await migrator(handle).getMigrations()
  const applied = migrations.filter((m) => m.executedAt !== undefined).map((m) => parseInt(m.name, 10))
  return applied.length === 0 ? 0 : Math.max(...applied)
}
