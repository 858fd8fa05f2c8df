import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import type { SqliteDatabase } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'
import { SqliteReader, statementCache } from './reads'

export type DialectName = 'sqlite' | 'postgres'

/** An open database and which engine it runs on. */
export interface DatabaseHandle {
  db: Kysely<Database>
  dialect: DialectName
  /** SQLite: a read-only connection for the hot read path (see `reads.ts`); null on PostgreSQL. */
  reader: SqliteReader | null
  /** SQLite: the database file (the admin's backup copies it); absent on PostgreSQL. */
  file?: string
}

/**
 * better-sqlite3 under Kysely prepares every query again, which cost more than running most of a
 * pull's small queries: keep prepared statements by their SQL. Safe because Kysely runs one query
 * at a time on this connection and the server never streams (`stream()` would leave a cached
 * statement mid-iteration, unusable by the next query).
 */
function withStatementCache(sqlite: SQLite.Database, reader: SqliteReader): SqliteDatabase {
  const prepare = statementCache(sqlite)
  return {
    close: () => {
      reader.close()
      sqlite.close()
    },
    // Every Kysely transaction here writes. A deferred `begin` would take the write lock only at
    // its first write, and fail at once with SQLITE_BUSY when another process (WORKERS > 1) wrote
    // in between; `begin immediate` takes it up front, waiting up to busy_timeout for it.
    prepare: (sql) => prepare(sql === 'begin' ? 'begin immediate' : sql),
  }
}

/**
 * The database file and its WAL files readable by the server's user only (0600): they hold
 * phone numbers and device tokens' hashes. SQLite gives its -wal and -shm files the database
 * file's mode; files an older version created are narrowed too.
 */
function keepPrivate(file: string): void {
  closeSync(openSync(file, 'a', 0o600))
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600)
}

/** Open SQLite (WAL) at a file path, readable by the server's user only. */
export function openSqlite(file: string): DatabaseHandle {
  keepPrivate(file)
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  // A pull page reads rows scattered over the file (one village's rows among all villages'): keep
  // up to 64 MiB of pages in memory instead of the default 2 MiB, which re-read them from the OS.
  sqlite.pragma('cache_size = -65536')
  // Opened after the writer, which has created the file and switched it to WAL.
  const reader = new SqliteReader(file)
  const database = withStatementCache(sqlite, reader)
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), dialect: 'sqlite', reader, file }
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
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', reader: null }
}

/** PostgreSQL when a URL is given, else SQLite at `<dataDir>/yehua.sqlite`. */
export function openDatabase(options: { databaseUrl: string | null; dataDir: string }): DatabaseHandle {
  if (options.databaseUrl) return openPostgres(options.databaseUrl)
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  return openSqlite(join(options.dataDir, 'yehua.sqlite'))
}
