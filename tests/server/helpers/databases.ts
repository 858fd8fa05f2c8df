import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { describe } from 'vitest'
import pg from 'pg'
import type { DatabaseHandle, DialectName } from '../../../src/server/db/connection'
import { openPostgres, openSqlite } from '../../../src/server/db/connection'
import { migrateToLatest } from '../../../src/server/db/migrate'

/** A database made for one test file; `close` removes it. */
export interface TestDatabase {
  handle: DatabaseHandle
  dialect: DialectName
  close(): Promise<void>
}

/** Make a fresh database, migrated unless `{ migrate: false }`. */
export type MakeDb = (options?: { migrate?: boolean }) => Promise<TestDatabase>

const postgresUrl = process.env.DATABASE_URL || null

/** A new SQLite file in a temp folder. */
export const makeSqlite: MakeDb = async ({ migrate = true } = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'yehua-test-'))
  const handle = openSqlite(join(dir, 'yehua.sqlite'))
  if (migrate) await migrateToLatest(handle)
  return {
    handle,
    dialect: 'sqlite',
    async close() {
      await handle.db.destroy()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A new PostgreSQL database next to the one in DATABASE_URL, dropped on close. */
export const makePostgres: MakeDb = async ({ migrate = true } = {}) => {
  if (!postgresUrl) throw new Error('DATABASE_URL is not set')
  const name = `yehua_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(postgresUrl)
  url.pathname = `/${name}`
  const handle = openPostgres(url.toString(), 4)
  if (migrate) await migrateToLatest(handle)
  return {
    handle,
    dialect: 'postgres',
    async close() {
      await handle.db.destroy()
      const cleanup = new pg.Client({ connectionString: postgresUrl })
      await cleanup.connect()
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await cleanup.end()
    },
  }
}

/**
 * Run a suite on SQLite and, when DATABASE_URL is set, again on PostgreSQL.
 *
 * @example
 * forEachDatabase((makeDb) => {
 *   let db: TestDatabase
 *   beforeAll(async () => { db = await makeDb() })
 *   afterAll(() => db.close())
 *   it('…', …)
 * })
 */
export function forEachDatabase(suite: (makeDb: MakeDb) => void): void {
  describe('on SQLite', () => suite(makeSqlite))
  if (!postgresUrl) console.info('PostgreSQL suite skipped: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)')
  describe.runIf(postgresUrl !== null)('on PostgreSQL', () => suite(makePostgres))
}
