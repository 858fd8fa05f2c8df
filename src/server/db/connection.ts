import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'

export type DialectName = 'sqlite' | 'postgres'

/** An open database and which engine it runs on. */
export interface DatabaseHandle {
  db: Kysely<Database>
  dialect: DialectName
}

/** Open SQLite (WAL) at a file path; the folder is created if missing. */
export function openSqlite(file: string): DatabaseHandle {
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), dialect: 'sqlite' }
}

// int8 (bigint) columns hold versions and counts far below 2^53: read them as numbers, not strings.
const INT8_OID = 20
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
}

/** Open PostgreSQL through a connection pool. */
export function openPostgres(connectionString: string, max = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max, types: pgTypes })
  // An idle client whose server connection drops (PostgreSQL restart, failover) emits 'error';
  // unhandled, that would end the process. The pool replaces the client on next use.
  pool.on('error', (error) => console.error(`PostgreSQL idle connection lost: ${error.message}`))
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' }
}

/** PostgreSQL when a URL is given, else SQLite at `<dataDir>/yehua.sqlite`. */
export function openDatabase(options: { databaseUrl: string | null; dataDir: string }): DatabaseHandle {
  if (options.databaseUrl) return openPostgres(options.databaseUrl)
  mkdirSync(options.dataDir, { recursive: true })
  return openSqlite(join(options.dataDir, 'yehua.sqlite'))
}
